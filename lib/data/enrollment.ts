import "server-only";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import { connectionColumn } from "./connection-tokens";
import { attemptSecretAt } from "./enrollment-attempts";
import { newRowId } from "./row-ids";

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
 * Walkthrough step 4, stored: in ONE transaction, consume the attempt (single use), then create
 * or update the participant and their connection with the encrypted tokens. The same health
 * system and patient id are the same participant (a returning participant reconnects). No
 * network call happens inside: the Patient read comes after, outside the transaction.
 * Returns null when the attempt was already used or has expired (a replayed callback).
 */
export async function completeEnrollment(attemptId: string, tokens: GrantedTokens): Promise<CompletedEnrollment | null> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const now = new Date();
    const consumed = await tx.enrollmentAttempt.updateMany({
      where: { id: attemptId, completedAt: null, expiresAt: { gt: now } },
      data: { completedAt: now },
    });
    if (consumed.count !== 1) return null;
    const attempt = await tx.enrollmentAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      omit: { clientSecretEnc: false },
      include: { healthSystem: { select: { fhirBaseUrl: true, fhirVersion: true, approvalDays: true } } },
    });
    const where = { fhirBaseUrl: attempt.healthSystem.fhirBaseUrl, fhirVersion: attempt.healthSystem.fhirVersion };
    const approvalExpiresAt = tokens.approvalExpiresAt ?? new Date(now.getTime() + attempt.healthSystem.approvalDays * 86_400_000);
    const existing = await tx.connection.findUnique({
      where: { healthSystemId_patientId: { healthSystemId: attempt.healthSystemId, patientId: tokens.patientId } },
      select: { id: true, participantId: true },
    });
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
      clientId: attempt.clientId,
      clientSecretEnc: clientSecret ? seal(clientSecret, at("clientSecretEnc")) : null,
      clientAuthMethod: attempt.clientAuthMethod,
      lastRefreshAt: now,
      lastError: null,
      lastErrorAt: null,
    };
    const consent = { consentVersion: attempt.consentVersion, consentedAt: attempt.consentedAt, status: "active", withdrawnAt: null, withdrawalReason: null };
    if (existing) {
      await tx.participant.update({ where: { id: existing.participantId }, data: consent });
      await tx.connection.update({
        where: { id: existing.id },
        data: { ...tokenFields, connectedAt: now, tokenVersion: { increment: 1 } },
      });
      return { participantId: existing.participantId, connectionId: existing.id, returning: true, ...where };
    }
    const participant = await tx.participant.create({ data: consent });
    const connection = await tx.connection.create({
      data: { ...tokenFields, id: connectionId, participantId: participant.id, healthSystemId: attempt.healthSystemId, patientId: tokens.patientId },
    });
    return { participantId: participant.id, connectionId: connection.id, returning: false, ...where };
  });
}
