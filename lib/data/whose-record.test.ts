import { describe, expect, it } from "vitest";
import { answerWhoseRecord } from "../accounts/answer-whose-record";
import { db } from "../db";
import { participantSession } from "./callers";
import { recordAccountAtConsent } from "./participant-accounts";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";
import { askWhoseRecordIfDue, getMyWhoseRecordQuestion, recordWhoseRecordAnswer } from "./whose-record";

/** Issue 13: "whose record is this?" after connecting, and the answers recorded. */
const DANIEL = { displayName: "Daniel X. Adams", birthDate: "1925-12-23" };
const AMY = { displayName: "Amy V. Shaw", birthDate: "2007-03-20" };

async function snapshot(connectionId: string, who: { displayName: string; birthDate: string }) {
  await (await db()).patientSnapshot.create({ data: { connectionId, resourceJson: "{}", searchText: who.displayName.toLowerCase(), ...who } });
}

/** Daniel's own record at one health system, then (signed in) a second connection whose Patient is `second`. */
async function secondConnection(second: { displayName: string; birthDate: string }) {
  const a = await enrolled(await anAttempt((await aHealthSystem({ name: "First Hospital" })).id), tokensFor(`wa-${uniqueId()}`));
  const me = participantSession(a.participantId);
  await recordAccountAtConsent(a.participantId, { email: null, capacity: "self", representing: null, consentLocale: "en" });
  await snapshot(a.connectionId, DANIEL);
  const b = await enrolled(await anAttempt((await aHealthSystem({ name: "Second Clinic" })).id, a.participantId), tokensFor(`wb-${uniqueId()}`));
  await snapshot(b.connectionId, second);
  return { me, a, b };
}

const row = async (id: string) =>
  (await db()).connection.findUniqueOrThrow({ where: { id }, select: { status: true, whoseRecordQuestion: true, whoseRecordAnswer: true, representing: true, stoppedAt: true } });

describe("whose record is this?", () => {
  it("is asked when the Patient's name and birth date differ from their other connection, not when they match", async () => {
    const { me, b } = await secondConnection(AMY);
    expect(await askWhoseRecordIfDue(me, b.connectionId, "unknown")).toBe("details-differ");
    expect(await getMyWhoseRecordQuestion(me)).toEqual({ connectionId: b.connectionId, question: "details-differ", healthSystemName: "Second Clinic", ...AMY });
    const same = await secondConnection({ displayName: "Daniel Adams", birthDate: "1925-12-23" });
    expect(await askWhoseRecordIfDue(same.me, same.b.connectionId, "unknown")).toBeNull();
    expect(await getMyWhoseRecordQuestion(same.me)).toBeNull();
  });

  it("is asked on a first connection when the EHR says the user chose another person's record, unless they said they act for someone", async () => {
    const hs = await aHealthSystem();
    const a = await enrolled(await anAttempt(hs.id), tokensFor(`wc-${uniqueId()}`));
    await recordAccountAtConsent(a.participantId, { email: null, capacity: "self", representing: null, consentLocale: "en" });
    await snapshot(a.connectionId, AMY);
    expect(await askWhoseRecordIfDue(participantSession(a.participantId), a.connectionId, "other")).toBe("ehr-chose-other");
    const carer = await enrolled(await anAttempt(hs.id), tokensFor(`wd-${uniqueId()}`));
    await recordAccountAtConsent(carer.participantId, { email: null, capacity: "representative", representing: "Amy Shaw, my daughter", consentLocale: "en" });
    expect(await askWhoseRecordIfDue(participantSession(carer.participantId), carer.connectionId, "other")).toBeNull();
  });

  it("records the answer once; another participant's answer, or a second one, changes nothing", async () => {
    const { me, b } = await secondConnection(AMY);
    await askWhoseRecordIfDue(me, b.connectionId, "unknown");
    const stranger = participantSession((await enrolled(await anAttempt((await aHealthSystem()).id), tokensFor(`we-${uniqueId()}`))).participantId);
    expect(await recordWhoseRecordAnswer(stranger, b.connectionId, { answer: "self" })).toBe(false);
    expect(await answerWhoseRecord(stranger, b.connectionId, { answer: "not-mine" })).toBe("not-found");
    expect(await row(b.connectionId)).toMatchObject({ status: "connected", whoseRecordAnswer: null });
    expect(await recordWhoseRecordAnswer(me, b.connectionId, { answer: "representative", representing: "Amy Shaw, my daughter" })).toBe(true);
    expect(await recordWhoseRecordAnswer(me, b.connectionId, { answer: "self" })).toBe(false);
    expect(await row(b.connectionId)).toMatchObject({ whoseRecordAnswer: "representative", representing: "Amy Shaw, my daughter" });
    expect(await getMyWhoseRecordQuestion(me)).toBeNull();
    // Answered: a later reconnect does not ask again.
    expect(await askWhoseRecordIfDue(me, b.connectionId, "unknown")).toBeNull();
    const audit = await (await db()).auditEvent.findMany({ where: { participantId: me.participantId, action: "participant.whose_record" }, select: { detail: true } });
    expect(audit).toEqual([{ detail: "Second Clinic: representative (Amy Shaw, my daughter)" }]);
  });

  it("\"my own record\" is recorded as such, with no one they act for", async () => {
    const { me, b } = await secondConnection(AMY);
    await askWhoseRecordIfDue(me, b.connectionId, "unknown");
    expect(await answerWhoseRecord(me, b.connectionId, { answer: "self" })).toBe("saved");
    expect(await row(b.connectionId)).toMatchObject({ status: "connected", whoseRecordAnswer: "self", representing: null });
  });

  it("a connection never asked about cannot be answered", async () => {
    const { me, a } = await secondConnection(AMY);
    expect(await recordWhoseRecordAnswer(me, a.connectionId, { answer: "self" })).toBe(false);
    expect(await row(a.connectionId)).toMatchObject({ whoseRecordAnswer: null });
  });

  it("\"not mine\" records the answer and stops sharing from that health system; the other stays", async () => {
    const { me, a, b } = await secondConnection(AMY);
    await askWhoseRecordIfDue(me, b.connectionId, "unknown");
    expect(await answerWhoseRecord(me, b.connectionId, { answer: "not-mine" })).toBe("stopped");
    const stopped = await row(b.connectionId);
    expect(stopped).toMatchObject({ status: "withdrawn", whoseRecordAnswer: "not-mine" });
    expect(stopped.stoppedAt).toBeInstanceOf(Date);
    expect((await row(a.connectionId)).status).toBe("connected");
  });
});
