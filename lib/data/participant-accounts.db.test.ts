import { describe, expect, it } from "vitest";
import { db } from "../db";
import { stopSharing } from "../accounts/stop-sharing";
import { withdrawParticipant } from "../enrollment/withdraw";
import { participantSession } from "./callers";
import { listMyConnections, recordAccountAtConsent } from "./participant-accounts";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";

/** One participant connected to two health systems, the second added while signed in. */
async function twoConnections() {
  const first = await aHealthSystem({ name: "First Hospital" });
  const second = await aHealthSystem({ name: "Second Clinic" });
  const a = await enrolled(await anAttempt(first.id), tokensFor(`pa-${uniqueId()}`));
  const b = await enrolled(await anAttempt(second.id, a.participantId), tokensFor(`pb-${uniqueId()}`));
  return { me: participantSession(a.participantId), a, b };
}

describe("a participant's account", () => {
  it("a second health system connected while signed in joins the same participant", async () => {
    const { me, a, b } = await twoConnections();
    expect(b.participantId).toBe(a.participantId);
    expect(b.returning).toBe(false);
    const mine = await listMyConnections(me);
    expect(mine.map((c) => c.healthSystemName).sort()).toEqual(["First Hospital", "Second Clinic"]);
    // Not signed in, the same second health system would have made someone new.
    const other = await enrolled(await anAttempt((await aHealthSystem()).id), tokensFor(`pc-${uniqueId()}`));
    expect(other.participantId).not.toBe(a.participantId);
  });

  it("shows sharing ends only when the EHR said it", async () => {
    const hs = await aHealthSystem();
    const said = new Date(Date.now() + 5 * 86_400_000);
    const a = await enrolled(await anAttempt(hs.id), { ...tokensFor(`pd-${uniqueId()}`), approvalExpiresAt: said });
    const b = await enrolled(await anAttempt(hs.id), tokensFor(`pe-${uniqueId()}`));
    expect((await listMyConnections(participantSession(a.participantId)))[0]!.sharingEndsFromEhr).toEqual(said);
    expect((await listMyConnections(participantSession(b.participantId)))[0]!.sharingEndsFromEhr).toBeNull();
  });

  it("stops sharing from one health system: its tokens and record go, the other connection stays", async () => {
    const { me, a, b } = await twoConnections();
    await (await db()).patientSnapshot.create({ data: { connectionId: a.connectionId, resourceJson: "{}", displayName: "Amy Shaw", searchText: "amy shaw" } });
    expect(await stopSharing(me, a.connectionId)).toBe("stopped");
    const rows = await (await db()).connection.findMany({ where: { participantId: me.participantId }, omit: { refreshTokenEnc: false } });
    const stopped = rows.find((r) => r.id === a.connectionId)!;
    expect(stopped).toMatchObject({ status: "withdrawn", refreshTokenEnc: null, ehrAccessEndedAt: null });
    expect(rows.find((r) => r.id === b.connectionId)).toMatchObject({ status: "connected" });
    expect(await (await db()).patientSnapshot.findUnique({ where: { connectionId: a.connectionId } })).toBeNull();
    const participant = await (await db()).participant.findUniqueOrThrow({ where: { id: me.participantId } });
    expect(participant.status).toBe("active");
    // Again, or someone else's connection: nothing happens.
    expect(await stopSharing(me, a.connectionId)).toBe("not-found");
    const stranger = participantSession((await enrolled(await anAttempt((await aHealthSystem()).id), tokensFor(`pf-${uniqueId()}`))).participantId);
    expect(await stopSharing(stranger, b.connectionId)).toBe("not-found");
    expect((await (await db()).connection.findUniqueOrThrow({ where: { id: b.connectionId } })).status).toBe("connected");
  });

  it("leaving the study withdraws every connection; none was confirmed ended by an EHR without revocation", async () => {
    const { me } = await twoConnections();
    await withdrawParticipant(me, null);
    const mine = await listMyConnections(me);
    expect(mine.map((c) => [c.status, c.ehrAccessEndedAt])).toEqual([
      ["withdrawn", null],
      ["withdrawn", null],
    ]);
    expect((await (await db()).participant.findUniqueOrThrow({ where: { id: me.participantId } })).status).toBe("withdrawn");
  });

  it("records the capacity of the consent, and an email only when nobody has it", async () => {
    const { me } = await twoConnections();
    const email = `rep-${uniqueId()}@example.org`;
    expect(await recordAccountAtConsent(me.participantId, { email, capacity: "representative", representing: "My mother, Amy Shaw", consentLocale: "en" })).toEqual({ emailToConfirm: true });
    const p = await (await db()).participant.findUniqueOrThrow({ where: { id: me.participantId } });
    expect(p).toMatchObject({ email, emailVerifiedAt: null, consentCapacity: "representative", representing: "My mother, Amy Shaw", consentLocale: "en" });
    const { me: other } = await twoConnections();
    expect(await recordAccountAtConsent(other.participantId, { email, capacity: "self", representing: "ignored", consentLocale: "en" })).toEqual({ emailToConfirm: false });
    const o = await (await db()).participant.findUniqueOrThrow({ where: { id: other.participantId } });
    expect(o).toMatchObject({ email: null, consentCapacity: "self", representing: null });
  });

  it("takes the language of the consent as the participant's, for their pages and emails (consenting again in another one changes it)", async () => {
    const { me } = await twoConnections();
    const locale = async () => (await (await db()).participant.findUniqueOrThrow({ where: { id: me.participantId }, select: { locale: true } })).locale;
    await recordAccountAtConsent(me.participantId, { email: `es-${uniqueId()}@example.org`, capacity: "self", representing: null, consentLocale: "es" });
    expect(await locale()).toBe("es");
    await recordAccountAtConsent(me.participantId, { email: null, capacity: "self", representing: null, consentLocale: "en" });
    expect(await locale()).toBe("en");
    await recordAccountAtConsent(me.participantId, { email: null, capacity: "self", representing: null, consentLocale: "xx" });
    expect(await locale()).toBe("en");
  });
});
