import "server-only";
import { db } from "../db";
import { isLocale } from "../i18n/locales";
import { recordAudit } from "./audit-events";
import { forgetStoredRecord } from "./forget-record";
import type { ParticipantSession } from "./callers";

/**
 * A participant's account: the email they gave at consent (their way back in), in what capacity
 * they consented, and every connection they have, one per health system. Every function takes the
 * signed-in participant's session and filters by its id.
 */
export type AccountAtConsent = { email: string | null; capacity: "self" | "representative"; representing: string | null; consentLocale: string };

/**
 * After an enrollment is stored: the capacity they consented in, the language they consented in
 * (from then on the language of their pages when no browser choice says otherwise, and of their
 * emails), and their email where they have none yet and no other participant has it (then nothing
 * is said: the page reads the same).
 * True when the address is now theirs and still to be confirmed.
 */
export async function recordAccountAtConsent(participantId: string, account: AccountAtConsent): Promise<{ emailToConfirm: boolean }> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const p = await tx.participant.findUnique({ where: { id: participantId }, select: { email: true, emailVerifiedAt: true } });
    if (!p) return { emailToConfirm: false };
    const taken = account.email && !p.email ? await tx.participant.findUnique({ where: { email: account.email }, select: { id: true } }) : null;
    const takeEmail = Boolean(account.email && !p.email && !taken);
    await tx.participant.update({
      where: { id: participantId },
      data: {
        consentCapacity: account.capacity,
        representing: account.capacity === "representative" ? account.representing : null,
        consentLocale: account.consentLocale,
        ...(isLocale(account.consentLocale) && { locale: account.consentLocale }),
        ...(takeEmail && { email: account.email, emailVerifiedAt: null }),
      },
    });
    return { emailToConfirm: takeEmail || Boolean(p.email && !p.emailVerifiedAt && p.email === account.email) };
  });
}

export type MyAccount = {
  studyId: string | null;
  status: string;
  email: string | null;
  emailVerified: boolean;
  consentVersion: string | null;
  consentedAt: Date | null;
  consentCapacity: string | null;
  representing: string | null;
  consentLocale: string | null;
  withdrawnAt: Date | null;
};

export async function getMyAccount(me: ParticipantSession): Promise<MyAccount | null> {
  const p = await (await db()).participant.findUnique({
    where: { id: me.participantId },
    select: { studyId: true, status: true, email: true, emailVerifiedAt: true, consentVersion: true, consentedAt: true, consentCapacity: true, representing: true, consentLocale: true, withdrawnAt: true },
  });
  if (!p) return null;
  const { emailVerifiedAt, ...rest } = p;
  return { ...rest, emailVerified: emailVerifiedAt !== null };
}

export type MyStudyConnection = {
  id: string;
  healthSystemId: string;
  healthSystemName: string;
  status: string;
  /** The EHR's own end of the approval, or null when the EHR did not say. */
  sharingEndsFromEhr: Date | null;
  lastDataAt: Date | null;
  requestedScope: string;
  grantedScope: string | null;
  hasRefreshToken: boolean;
  displayName: string | null;
  connectedAt: Date;
  ehrAccessEndedAt: Date | null;
  manageUrl: string | null;
  /** Their answer to "whose record is this?" ("self", "representative", "not-mine"), and whom they act for. */
  whoseRecordAnswer: string | null;
  representing: string | null;
  /** Asked "whose record is this?" and not answered yet. */
  whoseRecordPending: boolean;
};

/** Every connection of the signed-in participant, newest first (one card per health system). */
export async function listMyConnections(me: ParticipantSession): Promise<MyStudyConnection[]> {
  const rows = await (await db()).connection.findMany({
    where: { participantId: me.participantId },
    orderBy: { connectedAt: "desc" },
    select: {
      id: true,
      healthSystemId: true,
      status: true,
      approvalExpiresAt: true,
      approvalFromEhr: true,
      lastSyncAt: true,
      recordSyncedAt: true,
      grantedScope: true,
      refreshTokenEnc: true,
      connectedAt: true,
      ehrAccessEndedAt: true,
      whoseRecordQuestion: true,
      whoseRecordAnswer: true,
      representing: true,
      healthSystem: { select: { name: true, scope: true, manageEndpoint: true } },
      snapshot: { select: { displayName: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    healthSystemId: r.healthSystemId,
    healthSystemName: r.healthSystem.name,
    status: r.status,
    sharingEndsFromEhr: r.approvalFromEhr ? r.approvalExpiresAt : null,
    lastDataAt: latest(r.lastSyncAt, r.recordSyncedAt),
    requestedScope: r.healthSystem.scope,
    grantedScope: r.grantedScope,
    hasRefreshToken: r.refreshTokenEnc !== null,
    displayName: r.snapshot?.displayName ?? null,
    connectedAt: r.connectedAt,
    ehrAccessEndedAt: r.ehrAccessEndedAt,
    manageUrl: r.healthSystem.manageEndpoint,
    whoseRecordAnswer: r.whoseRecordAnswer,
    representing: r.representing,
    whoseRecordPending: r.whoseRecordQuestion !== null && r.whoseRecordAnswer === null && r.status !== "withdrawn",
  }));
}

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** The EHR confirmed (RFC 7009) that the study's access through these connections of theirs ended. */
export async function markEhrAccessEnded(me: ParticipantSession, connectionIds: string[], at = new Date()): Promise<void> {
  if (connectionIds.length === 0) return;
  await (await db()).connection.updateMany({ where: { id: { in: connectionIds }, participantId: me.participantId }, data: { ehrAccessEndedAt: at } });
}

/**
 * "Stop sharing from this health system": one connection of theirs ends (tokens deleted, its
 * stored record deleted or kept as the withdrawal policy says), in one transaction; the
 * participant and their other connections stay. False when it is not theirs or already ended.
 */
export async function recordConnectionStopped(
  me: ParticipantSession,
  connectionId: string,
  { keepRecord, ehrAccessEnded }: { keepRecord: boolean; ehrAccessEnded: boolean },
): Promise<boolean> {
  const client = await db();
  const now = new Date();
  return client.$transaction(async (tx) => {
    const stopped = await tx.connection.updateMany({
      where: { id: connectionId, participantId: me.participantId, status: { not: "withdrawn" } },
      data: {
        status: "withdrawn",
        statusReason: "The participant stopped sharing from this health system.",
        accessTokenEnc: null,
        refreshTokenEnc: null,
        accessTokenExpiresAt: null,
        clientSecretEnc: null,
        tokenVersion: { increment: 1 },
        ehrAccessEndedAt: ehrAccessEnded ? now : null,
        stoppedAt: now,
      },
    });
    if (stopped.count !== 1) return false;
    if (!keepRecord) await forgetStoredRecord(tx, [connectionId], now);
    const hs = await tx.connection.findUniqueOrThrow({ where: { id: connectionId }, select: { healthSystem: { select: { name: true } } } });
    await recordAudit(me, "participant.stop_sharing", { participantId: me.participantId, detail: hs.healthSystem.name }, tx);
    return true;
  });
}

