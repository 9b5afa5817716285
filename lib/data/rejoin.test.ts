import { describe, expect, it } from "vitest";
import { db } from "../db";
import { participantSession } from "./callers";
import { completeEnrollment } from "./enrollment";
import { createEnrollmentAttempt } from "./enrollment-attempts";
import { getParticipantConsent, recordWithdrawal } from "./participants";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";

/**
 * Security review finding 8: a withdrawn participant could reconnect without seeing the consent
 * again; the record kept the old consent time and the withdrawal date was cleared.
 */
const VERSION = "2026-11-v1";

async function aWithdrawnParticipant() {
  const hs = await aHealthSystem();
  const patientId = `p-${uniqueId()}`;
  const first = await enrolled(await createEnrollmentAttempt({ healthSystemId: hs.id, consentVersion: VERSION, consentedAt: new Date(Date.now() - 86_400_000) }), tokensFor(patientId));
  await recordWithdrawal(participantSession(first.participantId), { reason: "too many emails", keepSnapshot: false });
  const { withdrawnAt } = await (await db()).participant.findUniqueOrThrow({ where: { id: first.participantId }, select: { withdrawnAt: true } });
  return { hs, patientId, participantId: first.participantId, withdrawnAt: withdrawnAt! };
}

const participantRow = async (id: string) =>
  (await db()).participant.findUniqueOrThrow({ where: { id }, select: { status: true, consentedAt: true, withdrawnAt: true, withdrawalReason: true } });

describe("re-enrollment after withdrawal", () => {
  it("finding 8: a withdrawn participant's earlier consent no longer lets them start", async () => {
    const { participantId, withdrawnAt } = await aWithdrawnParticipant();
    expect(await getParticipantConsent(participantSession(participantId), VERSION)).toEqual({ consent: null, withdrawnAt, stoppedAt: null });
  });

  it("finding 8: reconnecting under a consent from before the withdrawal stores nothing and keeps the withdrawal", async () => {
    const { hs, patientId, participantId, withdrawnAt } = await aWithdrawnParticipant();
    const before = await participantRow(participantId);
    const stale = await createEnrollmentAttempt({ healthSystemId: hs.id, consentVersion: VERSION, consentedAt: new Date(withdrawnAt.getTime() - 1000), participantId });
    expect(await completeEnrollment(stale, tokensFor(patientId))).toEqual({ ok: false, reason: "consent" });
    expect(await participantRow(participantId)).toEqual(before);
    const connection = await (await db()).connection.findFirstOrThrow({ where: { participantId }, select: { status: true, refreshTokenEnc: true } });
    expect(connection).toEqual({ status: "withdrawn", refreshTokenEnc: null });
  });

  it("finding 8: rejoining under a new consent records its time and keeps the withdrawal in the audit log", async () => {
    const { hs, patientId, participantId, withdrawnAt } = await aWithdrawnParticipant();
    const consentedAt = new Date(withdrawnAt.getTime() + 60_000);
    const done = await completeEnrollment(await createEnrollmentAttempt({ healthSystemId: hs.id, consentVersion: VERSION, consentedAt }), tokensFor(patientId));
    expect(done).toMatchObject({ ok: true, participantId, returning: true });
    expect(await participantRow(participantId)).toEqual({ status: "active", consentedAt, withdrawnAt: null, withdrawalReason: null });
    const history = await (await db()).auditEvent.findMany({ where: { participantId }, orderBy: { at: "asc" }, select: { action: true, actorEmail: true, detail: true } });
    // Enrollments and consents are audited too (consent.given, participant.enroll / .reconnect).
    const lifecycle = history.filter((e) => e.action === "participant.withdraw" || e.action === "participant.rejoin");
    expect(lifecycle.map((e) => e.action)).toEqual(["participant.withdraw", "participant.rejoin"]);
    expect(history.filter((e) => e.action === "consent.given")).toHaveLength(2);
    expect(lifecycle[1]).toEqual({
      action: "participant.rejoin",
      actorEmail: `participant:${participantId}`,
      detail: `withdrew ${withdrawnAt.toISOString()} (reason: too many emails); consented again to ${VERSION} at ${consentedAt.toISOString()}`,
    });
  });

  it("a participant who never withdrew reconnects as before, without a rejoin event", async () => {
    const hs = await aHealthSystem();
    const patientId = `p-${uniqueId()}`;
    const first = await enrolled(await anAttempt(hs.id), tokensFor(patientId));
    expect(await completeEnrollment(await anAttempt(hs.id), tokensFor(patientId))).toMatchObject({ ok: true, returning: true, participantId: first.participantId });
    expect(await (await db()).auditEvent.count({ where: { participantId: first.participantId, action: "participant.rejoin" } })).toBe(0);
  });
});
