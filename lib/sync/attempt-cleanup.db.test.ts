import { describe, expect, it } from "vitest";
import { db } from "../db";
import { ATTEMPT_RETENTION_DAYS } from "../data/enrollment-attempts";
import { aHealthSystem, anAttempt } from "../data/test-factories";
import { runSyncPass } from "./pass";

/**
 * Finding 6: deleteExpiredAttempts existed but nothing called it, so attempts piled up with their
 * sealed client secrets. Every sync pass now deletes the secret of an attempt that can no longer
 * complete (the attempt stays, without it, for the enrollment funnel) and deletes attempts past
 * the funnel's retention.
 */
describe("a sync pass", () => {
  it("finding 6: deletes the sealed client secrets of enrollment attempts past their end, and attempts past the retention; keeps open ones whole", async () => {
    const client = await db();
    const hs = await aHealthSystem();
    const [ended, ancient, open] = [await anAttempt(hs.id), await anAttempt(hs.id), await anAttempt(hs.id)];
    const secret = { clientId: "per-participant", clientSecretEnc: "v2.k.sealed.secret.x" };
    await client.enrollmentAttempt.update({ where: { id: ended }, data: { expiresAt: new Date(Date.now() - 60_000), ...secret } });
    await client.enrollmentAttempt.update({ where: { id: ancient }, data: { expiresAt: new Date(Date.now() - (ATTEMPT_RETENTION_DAYS + 1) * 86_400_000), ...secret } });
    await client.enrollmentAttempt.update({ where: { id: open }, data: secret });
    await runSyncPass({ workerId: "test-cleanup", shouldStop: () => true }); // no connection worked on: the cleanup alone
    const left = await client.enrollmentAttempt.findMany({ where: { healthSystemId: hs.id }, omit: { clientSecretEnc: false } });
    expect(Object.fromEntries(left.map((a) => [a.id, a.clientSecretEnc]))).toEqual({ [ended]: null, [open]: secret.clientSecretEnc });
  });
});
