import "server-only";
import { whoseRecordQuestion, type EhrSaysUser, type WhoseRecordAnswer, type WhoseRecordQuestion } from "../accounts/whose-record";
import { db } from "../db";
import { recordAudit } from "./audit-events";
import type { ParticipantSession } from "./callers";

/**
 * "Whose record is this?" after connecting (lib/accounts/whose-record.ts decides when to ask).
 * Every function takes the signed-in participant's session and filters by its id.
 */

/**
 * After a connection is stored and its Patient read: whether to ask, saved on the connection.
 * Once answered, a reconnect of the same connection does not ask again. Returns the question, or null.
 */
export async function askWhoseRecordIfDue(me: ParticipantSession, connectionId: string, ehrSays: EhrSaysUser): Promise<WhoseRecordQuestion | null> {
  const client = await db();
  const c = await client.connection.findFirst({
    where: { id: connectionId, participantId: me.participantId, status: { not: "withdrawn" } },
    select: {
      whoseRecordQuestion: true,
      whoseRecordAnswer: true,
      snapshot: { select: { displayName: true, birthDate: true } },
      participant: { select: { consentCapacity: true } },
    },
  });
  if (!c) return null;
  if (c.whoseRecordAnswer) return null;
  const others = await client.connection.findMany({
    where: { participantId: me.participantId, id: { not: connectionId }, status: { not: "withdrawn" }, OR: [{ whoseRecordAnswer: null }, { whoseRecordAnswer: { not: "representative" } }], snapshot: { isNot: null } },
    select: { snapshot: { select: { displayName: true, birthDate: true } } },
  });
  const question = whoseRecordQuestion({
    capacityAtConsent: c.participant.consentCapacity,
    ehrSays,
    record: c.snapshot,
    others: others.flatMap((o) => (o.snapshot ? [o.snapshot] : [])),
  });
  if (question !== c.whoseRecordQuestion) await client.connection.updateMany({ where: { id: connectionId, participantId: me.participantId }, data: { whoseRecordQuestion: question } });
  return question;
}

export type MyWhoseRecordQuestion = {
  connectionId: string;
  question: WhoseRecordQuestion;
  healthSystemName: string;
  displayName: string | null;
  birthDate: string | null;
};

/** Their first unanswered question (on a connection still shared), or null. */
export async function getMyWhoseRecordQuestion(me: ParticipantSession): Promise<MyWhoseRecordQuestion | null> {
  const c = await (await db()).connection.findFirst({
    where: { participantId: me.participantId, status: { not: "withdrawn" }, whoseRecordQuestion: { not: null }, whoseRecordAnswer: null },
    orderBy: { connectedAt: "desc" },
    select: { id: true, whoseRecordQuestion: true, healthSystem: { select: { name: true } }, snapshot: { select: { displayName: true, birthDate: true } } },
  });
  if (!c?.whoseRecordQuestion) return null;
  return {
    connectionId: c.id,
    question: c.whoseRecordQuestion as WhoseRecordQuestion,
    healthSystemName: c.healthSystem.name,
    displayName: c.snapshot?.displayName ?? null,
    birthDate: c.snapshot?.birthDate ?? null,
  };
}

export type WhoseRecordReply = { answer: "self" } | { answer: "representative"; representing: string } | { answer: "not-mine" };

/**
 * Their answer, recorded on the connection and audited, in one transaction. False when the
 * connection is not theirs, is no longer shared, was never asked about, or was answered already:
 * then nothing changes. ("not-mine" is then followed by stopping sharing from it: stop-sharing.ts.)
 */
export async function recordWhoseRecordAnswer(me: ParticipantSession, connectionId: string, reply: WhoseRecordReply): Promise<boolean> {
  const client = await db();
  const answer: WhoseRecordAnswer = reply.answer;
  return client.$transaction(async (tx) => {
    const updated = await tx.connection.updateMany({
      where: { id: connectionId, participantId: me.participantId, status: { not: "withdrawn" }, whoseRecordQuestion: { not: null }, whoseRecordAnswer: null },
      data: { whoseRecordAnswer: answer, representing: reply.answer === "representative" ? reply.representing : null, whoseRecordAnsweredAt: new Date() },
    });
    if (updated.count !== 1) return false;
    const hs = await tx.connection.findUniqueOrThrow({ where: { id: connectionId }, select: { healthSystem: { select: { name: true } } } });
    const detail = `${hs.healthSystem.name}: ${answer}${reply.answer === "representative" ? ` (${reply.representing})` : ""}`;
    await recordAudit(me, "participant.whose_record", { participantId: me.participantId, detail }, tx);
    return true;
  });
}
