import { describe, expect, it } from "vitest";
import { db } from "../db";
import { ATTEMPT_LIFETIME_MS } from "../data/enrollment-attempts";
import { aHealthSystem, anAttempt } from "../data/test-factories";
import { runSyncPass } from "./pass";

/**
 * Finding 6: deleteExpiredAttempts existed but nothing called it, so attempts (with their sealed
 * client secrets) piled up. Every sync pass now deletes those long past their end.
 */
describe("a sync pass", () => {
  it("finding 6: deletes enrollment attempts long past their end, with their sealed client secrets, and keeps open ones", async () => {
    const client = await db();
    const hs = await aHealthSystem();
    const [expired, open] = [await anAttempt(hs.id), await anAttempt(hs.id)];
    await client.enrollmentAttempt.update({
      where: { id: expired },
      data: { expiresAt: new Date(Date.now() - ATTEMPT_LIFETIME_MS - 60_000), clientId: "per-participant", clientSecretEnc: "v2.k.sealed.secret.x" },
    });
    await runSyncPass({ workerId: "test-cleanup", shouldStop: () => true }); // no connection worked on: the cleanup alone
    const left = await client.enrollmentAttempt.findMany({ where: { healthSystemId: hs.id }, select: { id: true } });
    expect(left.map((a) => a.id)).toEqual([open]);
  });
});
