import "server-only";
import { participantActor, recordAudit } from "../audit/record";
import { seal } from "../crypto/secrets";
import { db } from "../db";
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
  participantId: string;
  connectionId: string;
  returning: boolean;
  fhirBaseUrl: string;
  fhirVersion: string | null;
};

/**
 * Walkthrough step 4, stored: in ONE transaction, consume the attempt (single use, its outcome
 * "approved" for the enrollment funnel), then create or update the participant (with a study
 * participant id) and their connection with the encrypted tokens, index them for search, and
 * audit the enrollment and the consent. The same health system and patient id are the same
 * participant (a returning participant reconnects). No network call happens inside: the Patient
 * read comes after, outside the transaction.
 * Returns null when the attempt was already used or has expired (a replayed callback).
 */
export async function completeEnrollment(attemptId: string, tokens: GrantedTokens): Promise<CompletedEnrollment | null> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const now = new Date();
    const consumed = await tx.enrollmentAttempt.updateMany({
      where: { id: attemptId, completedAt: null, expiresAt: { gt: now } },
      data: { completedAt: now, outcome: "approved", endedAt: now },
    });
    if (consumed.count !== 1) return null;
    const attempt = await tx.enrollmentAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { healthSystem: true } });
    const where = { fhirBaseUrl: attempt.healthSystem.fhirBaseUrl, fhirVersion: attempt.healthSystem.fhirVersion };
    const approvalExpiresAt = tokens.approvalExpiresAt ?? new Date(now.getTime() + attempt.healthSystem.approvalDays * 86_400_000);
    const tokenFields = {
      status: "connected",
      statusReason: null,
      accessTokenEnc: seal(tokens.accessToken),
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      refreshTokenEnc: tokens.refreshToken ? seal(tokens.refreshToken) : null,
      grantedScope: tokens.grantedScope,
      approvalExpiresAt,
      approvalFromEhr: Boolean(tokens.approvalExpiresAt),
      clientId: attempt.clientId,
      clientSecretEnc: attempt.clientSecretEnc,
      clientAuthMethod: attempt.clientAuthMethod,
      lastRefreshAt: now,
      lastError: null,
      lastErrorAt: null,
    };
    const consent = { consentVersion: attempt.consentVersion, consentedAt: attempt.consentedAt, status: "active", withdrawnAt: null, withdrawalReason: null };
    const existing = await tx.connection.findUnique({
      where: { healthSystemId_patientId: { healthSystemId: attempt.healthSystemId, patientId: tokens.patientId } },
      select: { id: true, participantId: true },
    });
    const audit = async (participantId: string, returning: boolean) => {
      const actor = participantActor(participantId);
      await recordAudit(actor, "consent.given", { participantId, detail: attempt.consentVersion }, tx);
      await recordAudit(actor, returning ? "participant.reconnect" : "participant.enroll", { participantId, detail: attempt.healthSystem.name }, tx);
    };
    if (existing) {
      const known = await tx.participant.findUniqueOrThrow({ where: { id: existing.participantId }, select: { studyId: true } });
      const studyId = known.studyId ?? (await freeStudyId(tx));
      await tx.participant.update({ where: { id: existing.participantId }, data: { ...consent, studyId } });
      await tx.connection.update({
        where: { id: existing.id },
        data: { ...tokenFields, connectedAt: now, tokenVersion: { increment: 1 } },
      });
      await writeIdTokens(tx, existing.id, { studyId, patientId: tokens.patientId });
      await audit(existing.participantId, true);
      return { participantId: existing.participantId, connectionId: existing.id, returning: true, ...where };
    }
    const participant = await tx.participant.create({ data: { ...consent, studyId: await freeStudyId(tx) } });
    const connection = await tx.connection.create({
      data: { ...tokenFields, participantId: participant.id, healthSystemId: attempt.healthSystemId, patientId: tokens.patientId },
    });
    await writeIdTokens(tx, connection.id, { studyId: participant.studyId, patientId: tokens.patientId });
    await audit(participant.id, false);
    return { participantId: participant.id, connectionId: connection.id, returning: false, ...where };
  });
}
