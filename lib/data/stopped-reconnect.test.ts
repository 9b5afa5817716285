import { describe, expect, it } from "vitest";
import { stopSharing } from "../accounts/stop-sharing";
import { db } from "../db";
import { consentInForce } from "../enrollment/consent-in-force";
import { participantSession } from "./callers";
import { completeEnrollment } from "./enrollment";
import { createEnrollmentAttempt } from "./enrollment-attempts";
import { getParticipantConsent } from "./participants";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";

/** Issue 13: re-consent is required to reconnect a health system after stopping sharing from it. */
const VERSION = "2026-11-v1";

async function oneStopped() {
  const first = await aHealthSystem({ name: "Stopped Hospital" });
  const second = await aHealthSystem({ name: "Still Clinic" });
  const patientId = `ps-${uniqueId()}`;
  const consentedAt = new Date(Date.now() - 86_400_000);
  const a = await enrolled(await createEnrollmentAttempt({ healthSystemId: first.id, consentVersion: VERSION, consentedAt }), tokensFor(patientId));
  const me = participantSession(a.participantId);
  const b = await enrolled(await anAttempt(second.id, a.participantId), tokensFor(`pt-${uniqueId()}`));
  expect(await stopSharing(me, a.connectionId)).toBe("stopped");
  const { stoppedAt } = await (await db()).connection.findUniqueOrThrow({ where: { id: a.connectionId }, select: { stoppedAt: true } });
  return { me, first, second, patientId, a, b, stoppedAt: stoppedAt! };
}

describe("reconnecting after stopping sharing from a health system", () => {
  it("the earlier consent still lets them reconnect elsewhere, but not where they stopped", async () => {
    const { me, first, second, stoppedAt } = await oneStopped();
    expect(stoppedAt).toBeInstanceOf(Date);
    const there = await getParticipantConsent(me, VERSION, first.id);
    expect(there.stoppedAt).toEqual(stoppedAt);
    expect(consentInForce(null, there)).toBeNull();
    const elsewhere = await getParticipantConsent(me, VERSION, second.id);
    expect(elsewhere.stoppedAt).toBeNull();
    expect(consentInForce(null, elsewhere)).not.toBeNull();
    // A new consent version: nowhere without reading the consent again.
    expect(consentInForce(null, await getParticipantConsent(me, "2027-01-v2", second.id))).toBeNull();
  });

  it("the data layer refuses a reconnect under a consent from before the stop, and changes nothing", async () => {
    const { me, first, patientId, a, stoppedAt } = await oneStopped();
    const stale = await createEnrollmentAttempt({ healthSystemId: first.id, consentVersion: VERSION, consentedAt: new Date(stoppedAt.getTime() - 1000), participantId: me.participantId });
    expect(await completeEnrollment(stale, tokensFor(patientId))).toEqual({ ok: false, reason: "consent" });
    const row = await (await db()).connection.findUniqueOrThrow({ where: { id: a.connectionId }, select: { status: true, refreshTokenEnc: true, stoppedAt: true } });
    expect(row).toEqual({ status: "withdrawn", refreshTokenEnc: null, stoppedAt });
  });

  it("under a consent given after the stop, the same connection is connected again and its stop forgotten", async () => {
    const { me, first, patientId, a, stoppedAt } = await oneStopped();
    const fresh = await createEnrollmentAttempt({ healthSystemId: first.id, consentVersion: VERSION, consentedAt: new Date(stoppedAt.getTime() + 1000), participantId: me.participantId });
    expect(await completeEnrollment(fresh, tokensFor(patientId))).toMatchObject({ ok: true, connectionId: a.connectionId, participantId: me.participantId, returning: true });
    const row = await (await db()).connection.findUniqueOrThrow({ where: { id: a.connectionId }, select: { status: true, stoppedAt: true } });
    expect(row).toEqual({ status: "connected", stoppedAt: null });
    expect(consentInForce(null, await getParticipantConsent(me, VERSION, first.id))).not.toBeNull();
  });
});
