import { describe, expect, it } from "vitest";
import { db } from "../db";
import type { StaffSession } from "../staff/roles";
import { completeEnrollment } from "./enrollment";
import { endFailedAttempt, recordAttemptFailure } from "./enrollment-attempts";
import { getEnrollmentFunnel } from "./enrollment-funnel";
import { aHealthSystem, anAttempt, tokensFor, uniqueId } from "./test-factories";

const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };

describe("the enrollment funnel", () => {
  it("counts attempts started, approved, denied, failed by reason, never back and in progress, per health system and per day", async () => {
    const a = await aHealthSystem({ name: `Funnel A ${uniqueId()}` });
    const b = await aHealthSystem({ name: `Funnel B ${uniqueId()}` });
    const before = await getEnrollmentFunnel(viewer);
    await completeEnrollment(await anAttempt(a.id), tokensFor(`p-${uniqueId()}`));
    const denied = await anAttempt(a.id);
    await recordAttemptFailure(denied, "declined");
    const failed = await anAttempt(b.id);
    await recordAttemptFailure(failed, "ehr-unavailable");
    // A failure is recorded once: a later one for the same attempt changes nothing.
    await recordAttemptFailure(failed, "state");
    await recordAttemptFailure("not-an-attempt-id-at-all", "state");
    await endFailedAttempt(await anAttempt(b.id), "setup"); // its per-participant registration failed
    await anAttempt(b.id); // at the EHR now
    const gone = await anAttempt(b.id); // never came back
    await (await db()).enrollmentAttempt.update({ where: { id: gone }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const funnel = await getEnrollmentFunnel(viewer);
    const ofA = funnel.healthSystems.find((h) => h.id === a.id)!;
    const ofB = funnel.healthSystems.find((h) => h.id === b.id)!;
    expect(ofA.counts).toEqual({ started: 2, approved: 1, denied: 1, failed: 0, abandoned: 0, inProgress: 0 });
    expect(ofB.counts).toEqual({ started: 4, approved: 0, denied: 0, failed: 2, abandoned: 1, inProgress: 1 });
    expect(ofB.failures).toEqual([{ reason: "ehr-unavailable", count: 1 }, { reason: "setup", count: 1 }]);
    expect(funnel.total.started - before.total.started).toBe(6);
    const today = funnel.days.at(-1)!;
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(today.counts.started - (before.days.at(-1)?.counts.started ?? 0)).toBe(6);
    expect(funnel.days).toHaveLength(30);
  });

  it("leaves an approved attempt approved when a replayed callback fails", async () => {
    const hs = await aHealthSystem();
    const attempt = await anAttempt(hs.id);
    await completeEnrollment(attempt, tokensFor(`p-${uniqueId()}`));
    await recordAttemptFailure(attempt, "expired");
    expect(await (await db()).enrollmentAttempt.findUniqueOrThrow({ where: { id: attempt } })).toMatchObject({ outcome: "approved", failureReason: null });
  });
});

describe("ended attempts", () => {
  it("are kept for the funnel, their per-participant client secret forgotten once expired", async () => {
    const { createEnrollmentAttempt, cleanUpEndedAttempts } = await import("./enrollment-attempts");
    const hs = await aHealthSystem();
    const id = await createEnrollmentAttempt({ healthSystemId: hs.id, consentVersion: "v", consentedAt: new Date(), client: { clientId: "c", clientSecret: "s3cret", tokenEndpointAuthMethod: "client_secret_basic" } });
    await (await db()).enrollmentAttempt.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await cleanUpEndedAttempts()).secretsDeleted).toBeGreaterThanOrEqual(1);
    expect(await (await db()).enrollmentAttempt.findUniqueOrThrow({ where: { id }, omit: { clientSecretEnc: false } })).toMatchObject({ clientSecretEnc: null, clientId: "c", day: new Date().toISOString().slice(0, 10) });
  });
});
