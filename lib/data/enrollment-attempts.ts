import "server-only";
import { randomBytes } from "node:crypto";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import { withClientKey } from "./client-keys";
import type { ClientCredentials, TokenEndpointAuthMethod } from "../smart";
import type { EnrollmentFailure } from "../enrollment/failures";

/** A participant's trip to a health system, from "Connect to …" to the callback (15 minutes at most). */
export const ATTEMPT_LIFETIME_MS = 15 * 60 * 1000;

export type EnrollmentAttempt = {
  id: string;
  healthSystemId: string;
  consentVersion: string;
  consentedAt: Date;
  participantId: string | null;
  /** Per-participant registration: the client registered for this attempt. */
  client: ClientCredentials | null;
};

export async function createEnrollmentAttempt(input: {
  healthSystemId: string;
  consentVersion: string;
  consentedAt: Date;
  participantId?: string;
  client?: { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string };
}): Promise<string> {
  const id = randomBytes(18).toString("base64url");
  await (await db()).enrollmentAttempt.create({
    data: {
      id,
      healthSystemId: input.healthSystemId,
      consentVersion: input.consentVersion,
      consentedAt: input.consentedAt,
      participantId: input.participantId ?? null,
      clientId: input.client?.clientId ?? null,
      clientSecretEnc: input.client?.clientSecret ? seal(input.client.clientSecret) : null,
      clientAuthMethod: input.client?.tokenEndpointAuthMethod ?? null,
      expiresAt: new Date(Date.now() + ATTEMPT_LIFETIME_MS),
      day: utcDay(new Date()),
    },
  });
  return id;
}

/** "2026-11-29": the UTC day an attempt started, for the funnel's per-day counts. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** The funnel's outcome of a failure: the participant said no ("denied"), or something failed. */
export const outcomeOf = (failure: EnrollmentFailure) => (failure === "declined" ? "denied" : "failed");

/**
 * Records why an attempt ended without a connection (the callback's failure), once: an attempt
 * that already has an outcome (approved, or failed earlier) keeps it. Unknown ids change nothing.
 */
export async function recordAttemptFailure(attemptId: string | undefined, failure: EnrollmentFailure): Promise<void> {
  if (!attemptId || !/^[A-Za-z0-9_-]{10,64}$/.test(attemptId)) return;
  await (await db()).enrollmentAttempt.updateMany({
    where: { id: attemptId, outcome: null },
    data: { outcome: outcomeOf(failure), failureReason: failure, endedAt: new Date() },
  });
}

/**
 * An attempt that failed before the participant reached the EHR (the per-participant client
 * registration failed): recorded, already ended, so the funnel counts it.
 */
export async function recordFailedStart(input: { healthSystemId: string; consentVersion: string; consentedAt: Date; failure: EnrollmentFailure }): Promise<void> {
  const now = new Date();
  await (await db()).enrollmentAttempt.create({
    data: {
      id: randomBytes(18).toString("base64url"),
      healthSystemId: input.healthSystemId,
      consentVersion: input.consentVersion,
      consentedAt: input.consentedAt,
      expiresAt: now,
      day: utcDay(now),
      outcome: outcomeOf(input.failure),
      failureReason: input.failure,
      endedAt: now,
    },
  });
}

/** An attempt that can still complete: not used, not expired. */
export async function getOpenAttempt(id: string | undefined): Promise<EnrollmentAttempt | null> {
  if (!id || !/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  const row = await (await db()).enrollmentAttempt.findFirst({
    where: { id, completedAt: null, expiresAt: { gt: new Date() } },
  });
  if (!row) return null;
  return {
    id: row.id,
    healthSystemId: row.healthSystemId,
    consentVersion: row.consentVersion,
    consentedAt: row.consentedAt,
    participantId: row.participantId,
    client: row.clientId
      ? await withClientKey({
          clientId: row.clientId,
          tokenEndpointAuthMethod: (row.clientAuthMethod ?? "client_secret_basic") as TokenEndpointAuthMethod,
          ...(row.clientSecretEnc && { clientSecret: unseal(row.clientSecretEnc) }),
        })
      : null,
  };
}

/**
 * Ended attempts are kept (they are the enrollment funnel: no participant data, only the health
 * system, times and outcome); the client secret a per-participant registration left on one is
 * deleted once the attempt can no longer complete.
 */
export async function forgetExpiredAttemptSecrets(now = new Date()): Promise<number> {
  const { count } = await (await db()).enrollmentAttempt.updateMany({
    where: { expiresAt: { lt: now }, clientSecretEnc: { not: null } },
    data: { clientSecretEnc: null },
  });
  return count;
}
