import "server-only";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import type { DbTransaction } from "../db/client";
import { emitEvent } from "../events/emit";
import { recordAudit } from "./audit-events";
import { participantSession } from "./callers";
import { connectionColumn } from "./connection-tokens";
import { attemptSecretAt } from "./enrollment-attempts";
import { newRowId } from "./row-ids";
import { freeStudyId, writeIdTokens } from "./search-index";

/** What the token exchange gave us, already validated (lib/smart) and checked (patient id). */
export type GrantedTokens = {
  patientId: string;
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  refreshToken: string | null;
  grantedScope: string | null;
  /** When the approval ends, if the EHR said (refresh_token_expires_in); else the health system's approvalDays. */
  approvalExpiresAt?: Date | null;
};

export type CompletedEnrollment = {
  ok: true;
  participantId: string;
  connectionId: string;
  returning: boolean;
  fhirBaseUrl: string;
  fhirVersion: string | null;
};

/**
 * Not stored. expired: the attempt was already used or has ended (a replayed callback).
 * consent: the participant had withdrawn (or had stopped sharing from this health system), and
 * this attempt's consent is not newer than the withdrawal (or the stop); they must read and agree
 * to the consent again.
 */
export type EnrollmentRefused = { ok: false; reason: "expired" | "consent" };

/**
 * Walkthrough step 4, stored: in ONE transaction, consume the attempt (single use, its outcome
 * "approved" for the enrollment funnel), then create or update the participant (with a study
 * participant id) and their connection with the encrypted tokens, index them for search, and
 * audit the enrollment and the consent. The same health system and patient id are the same
 * participant (a returning participant reconnects). No network call happens inside: the Patient
 * read comes after, outside the transaction. The connection.created event is written in the
 * same transaction (lib/events/emit.ts).
 *
 * A withdrawn participant comes back only under a consent given after the withdrawal (finding 8):
 * that consent's version and time are recorded, and the withdrawal is kept in the audit log
 * (participant.rejoin, with when and why they had withdrawn) before the participant is active again.
 */
export async function completeEnrollment(attemptId: string, tokens: GrantedTokens): Promise<CompletedEnrollment | EnrollmentRefused> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const now = new Date();
    const consumed = await tx.enrollmentAttempt.updateMany({
      where: { id: attemptId, completedAt: null, expiresAt: { gt: now } },
      data: { completedAt: now, outcome: "approved", endedAt: now },
    });
    if (consumed.count !== 1) return { ok: false, reason: "expired" } as const;
    const attempt = await tx.enrollmentAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      omit: { clientSecretEnc: false },
      include: { healthSystem: { select: { name: true, fhirBaseUrl: true, fhirVersion: true, approvalDays: true } } },
    });
    const where = { fhirBaseUrl: attempt.healthSystem.fhirBaseUrl, fhirVersion: attempt.healthSystem.fhirVersion };
    const approvalExpiresAt = tokens.approvalExpiresAt ?? new Date(now.getTime() + attempt.healthSystem.approvalDays * 86_400_000);
    const existing = await tx.connection.findUnique({
      where: { healthSystemId_patientId: { healthSystemId: attempt.healthSystemId, patientId: tokens.patientId } },
      select: { id: true, participantId: true, status: true, stoppedAt: true, participant: { select: { status: true, withdrawnAt: true, withdrawalReason: true } } },
    });
    const withdrawal = existing?.participant.status === "withdrawn" ? existing.participant : null;
    if (withdrawal && !(withdrawal.withdrawnAt && attempt.consentedAt > withdrawal.withdrawnAt)) return { ok: false, reason: "consent" } as const;
    // A connection they stopped sharing from comes back only under a consent given after the stop.
    const stopped = existing?.status === "withdrawn" ? existing.stoppedAt : null;
    if (stopped && !(attempt.consentedAt > stopped)) return { ok: false, reason: "consent" } as const;
    // Sealed values are bound to their row: the new connection's id is made before sealing, and
    // the attempt's client secret is opened where it was and sealed again for the connection.
    const connectionId = existing?.id ?? newRowId();
    const at = connectionColumn(connectionId);
    const clientSecret = attempt.clientSecretEnc ? unseal(attempt.clientSecretEnc, attemptSecretAt(attempt.id)) : null;
    // The used attempt keeps no copy of the secret until it is deleted.
    if (clientSecret) await tx.enrollmentAttempt.update({ where: { id: attempt.id }, data: { clientSecretEnc: null } });
    const tokenFields = {
      status: "connected",
      statusReason: null,
      accessTokenEnc: seal(tokens.accessToken, at("accessTokenEnc")),
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      refreshTokenEnc: tokens.refreshToken ? seal(tokens.refreshToken, at("refreshTokenEnc")) : null,
      grantedScope: tokens.grantedScope,
      approvalExpiresAt,
      approvalFromEhr: Boolean(tokens.approvalExpiresAt),
      clientId: attempt.clientId,
      clientSecretEnc: clientSecret ? seal(clientSecret, at("clientSecretEnc")) : null,
      clientAuthMethod: attempt.clientAuthMethod,
      lastRefreshAt: now,
      lastError: null,
      lastErrorAt: null,
    };
    const consent = { consentVersion: attempt.consentVersion, consentedAt: attempt.consentedAt, status: "active", withdrawnAt: null, withdrawalReason: null };
    const audit = async (participantId: string, returning: boolean) => {
      const actor = participantSession(participantId);
      await recordAudit(actor, "consent.given", { participantId, detail: attempt.consentVersion }, tx);
      await recordAudit(actor, returning ? "participant.reconnect" : "participant.enroll", { participantId, detail: attempt.healthSystem.name }, tx);
    };
    if (existing) {
      if (withdrawal) {
        const detail = `withdrew ${withdrawal.withdrawnAt!.toISOString()}${withdrawal.withdrawalReason ? ` (reason: ${withdrawal.withdrawalReason.slice(0, 300)})` : ""}; consented again to ${attempt.consentVersion} at ${attempt.consentedAt.toISOString()}`;
        await recordAudit(participantSession(existing.participantId), "participant.rejoin", { participantId: existing.participantId, detail }, tx);
      }
      const known = await tx.participant.findUniqueOrThrow({ where: { id: existing.participantId }, select: { studyId: true } });
      const studyId = known.studyId ?? (await freeStudyId(tx));
      await tx.participant.update({ where: { id: existing.participantId }, data: { ...consent, studyId } });
      await tx.connection.update({
        where: { id: existing.id },
        // Back after it was stopped (or withdrawn): the stop, and any "whose record" answer, start over.
        data: { ...tokenFields, connectedAt: now, tokenVersion: { increment: 1 }, ...(existing.status === "withdrawn" && RESTARTED) },
      });
      await writeIdTokens(tx, existing.id, { studyId, patientId: tokens.patientId });
      await audit(existing.participantId, true);
      await emitEvent("connection.created", { connectionId: existing.id, returning: true }, tx);
      return { ok: true, participantId: existing.participantId, connectionId: existing.id, returning: true, ...where } as const;
    }
    // A signed-in participant adding another health system: the new connection joins them.
    const joining = await signedInParticipant(tx, attempt.participantId, attempt.consentedAt);
    if (joining) {
      await tx.participant.update({ where: { id: joining.id }, data: consent });
    }
    const participant = joining ?? (await tx.participant.create({ data: { ...consent, studyId: await freeStudyId(tx) } }));
    const connection = await tx.connection.create({
      data: { ...tokenFields, id: connectionId, participantId: participant.id, healthSystemId: attempt.healthSystemId, patientId: tokens.patientId },
    });
    await writeIdTokens(tx, connection.id, { studyId: participant.studyId, patientId: tokens.patientId });
    await audit(participant.id, false);
    await emitEvent("connection.created", { connectionId: connection.id, returning: false }, tx);
    return { ok: true, participantId: participant.id, connectionId: connection.id, returning: false, ...where } as const;
  });
}

/** A stopped or withdrawn connection that is connected again: nothing of its stop carries over. */
const RESTARTED = { stoppedAt: null, ehrAccessEndedAt: null, whoseRecordQuestion: null, whoseRecordAnswer: null, representing: null, whoseRecordAnsweredAt: null };

/**
 * The participant a signed-in attempt belongs to, when it may take a new connection: active, or
 * withdrawn before this attempt's consent (then the new consent makes them active again).
 */
async function signedInParticipant(tx: DbTransaction, participantId: string | null, consentedAt: Date) {
  if (!participantId) return null;
  const p = await tx.participant.findUnique({ where: { id: participantId }, select: { id: true, studyId: true, status: true, withdrawnAt: true } });
  if (!p?.studyId) return null;
  if (p.status === "withdrawn" && !(p.withdrawnAt && consentedAt > p.withdrawnAt)) return null;
  return { id: p.id, studyId: p.studyId };
}
