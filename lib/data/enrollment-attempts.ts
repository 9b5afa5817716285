import "server-only";
import { randomBytes } from "node:crypto";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import { TakeTurns } from "../db/take-turns";
import { withClientKey } from "./client-keys";
import type { ClientCredentials, TokenEndpointAuthMethod } from "../smart";
import type { EnrollmentFailure } from "../enrollment/failures";

/** Where an attempt's client secret (per-participant registration) is sealed. */
export const attemptSecretAt = (rowId: string) => ({ table: "EnrollmentAttempt" as const, column: "clientSecretEnc" as const, rowId });

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

type AttemptClient = { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string };

export type NewEnrollmentAttempt = {
  healthSystemId: string;
  consentVersion: string;
  consentedAt: Date;
  participantId?: string;
  client?: AttemptClient;
};

const newAttemptId = () => randomBytes(18).toString("base64url");

function attemptRow(id: string, input: NewEnrollmentAttempt) {
  return {
    id,
    healthSystemId: input.healthSystemId,
    consentVersion: input.consentVersion,
    consentedAt: input.consentedAt,
    participantId: input.participantId ?? null,
    clientId: input.client?.clientId ?? null,
    clientSecretEnc: input.client?.clientSecret ? seal(input.client.clientSecret, attemptSecretAt(id)) : null,
    clientAuthMethod: input.client?.tokenEndpointAuthMethod ?? null,
    expiresAt: new Date(Date.now() + ATTEMPT_LIFETIME_MS),
    day: utcDay(new Date()),
  };
}

/** Stores an attempt as given (no limit: the data-layer tests' factory; the portal reserves). */
export async function createEnrollmentAttempt(input: NewEnrollmentAttempt): Promise<string> {
  const id = newAttemptId();
  await (await db()).enrollmentAttempt.create({ data: attemptRow(id, input) });
  return id;
}

/**
 * Reserves a new attempt, unless `perMinute` attempts were already made for its health system in
 * the last minute (by every portal process together). Reservations for one health system take
 * turns: a short transaction first writes its health-system row (a no-op update: the row lock on
 * PostgreSQL, the write lock on SQLite), then counts and inserts, so however many presses arrive
 * at once exactly the first `perMinute` are kept. null: over the limit (nothing is stored).
 */
export async function reserveEnrollmentAttempt(input: NewEnrollmentAttempt, perMinute: number): Promise<string | null> {
  const id = newAttemptId();
  const row = attemptRow(id, input);
  const client = await db();
  // In this process they also take turns before asking for a pooled connection (a flood waits in
  // a bounded queue, not on the pool); more than perMinute waiting are over the limit anyway.
  const reserved = await reservations
    .take(input.healthSystemId, () =>
      client.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "HealthSystem" SET "status" = "status" WHERE "id" = ${input.healthSystemId}`;
        const made = await tx.enrollmentAttempt.count({ where: { healthSystemId: input.healthSystemId, createdAt: { gt: new Date(Date.now() - 60_000) } } });
        if (made >= perMinute) return null;
        await tx.enrollmentAttempt.create({ data: row });
        return id;
      }),
    )
    // P2028: no connection for the transaction in time (other processes flooding too): busy.
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2028") return null;
      throw error;
    });
  return reserved ?? null;
}

const reservations = new TakeTurns(100);

/** The client registered for a reserved attempt (its secret sealed for this attempt's row). */
export async function setAttemptClient(id: string, client: AttemptClient): Promise<void> {
  await (await db()).enrollmentAttempt.update({
    where: { id },
    data: { clientId: client.clientId, clientSecretEnc: client.clientSecret ? seal(client.clientSecret, attemptSecretAt(id)) : null, clientAuthMethod: client.tokenEndpointAuthMethod },
  });
}

/**
 * An attempt that will not go on (its per-participant registration failed): ended at once, so it
 * can never complete, and kept only as the funnel's record of the failure.
 */
export async function endFailedAttempt(id: string, failure: EnrollmentFailure): Promise<void> {
  const now = new Date();
  await (await db()).enrollmentAttempt.updateMany({
    where: { id },
    data: { expiresAt: now, endedAt: now, outcome: outcomeOf(failure), failureReason: failure, clientId: null, clientSecretEnc: null },
  });
}

/**
 * This browser's attempt, pressed again: when it is still open, for the same health system and
 * the same participant (or none), it is kept, with its client, for another ATTEMPT_LIFETIME_MS and
 * the consent just checked; nothing new is registered or stored. `needsClient`: only once its
 * client is registered (a second press while the first is still registering starts anew).
 * False: start a new attempt.
 */
export async function reuseOpenAttempt(
  id: string | undefined,
  { healthSystemId, participantId, consentVersion, consentedAt, needsClient }: { healthSystemId: string; participantId: string | null; consentVersion: string; consentedAt: Date; needsClient: boolean },
): Promise<boolean> {
  if (!id || !/^[A-Za-z0-9_-]{10,64}$/.test(id)) return false;
  const now = new Date();
  const { count } = await (await db()).enrollmentAttempt.updateMany({
    where: { id, healthSystemId, participantId, completedAt: null, expiresAt: { gt: now }, ...(needsClient && { clientId: { not: null } }) },
    data: { expiresAt: new Date(now.getTime() + ATTEMPT_LIFETIME_MS), consentVersion, consentedAt },
  });
  return count === 1;
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


/** An attempt that can still complete: not used, not expired. */
export async function getOpenAttempt(id: string | undefined): Promise<EnrollmentAttempt | null> {
  if (!id || !/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  const row = await (await db()).enrollmentAttempt.findFirst({
    where: { id, completedAt: null, expiresAt: { gt: new Date() } },
    omit: { clientSecretEnc: false },
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
          ...(row.clientSecretEnc && { clientSecret: unseal(row.clientSecretEnc, attemptSecretAt(row.id)) }),
        })
      : null,
  };
}

/** How long ended attempts are kept for the enrollment funnel (days). */
export const ATTEMPT_RETENTION_DAYS = 730;

/**
 * Ended attempts are kept for the enrollment funnel (no participant data: the health system,
 * times and outcome), without the client secret a per-participant registration left on one: it
 * is deleted as soon as the attempt can no longer complete (security review finding 6: secrets
 * must not pile up). Attempts older than ATTEMPT_RETENTION_DAYS are deleted. Runs at start-up and
 * at every sync pass. Returns how many attempts lost their secret and how many were deleted.
 */
export async function cleanUpEndedAttempts(now = new Date()): Promise<{ secretsDeleted: number; attemptsDeleted: number }> {
  const client = await db();
  const secrets = await client.enrollmentAttempt.updateMany({
    where: { expiresAt: { lt: now }, clientSecretEnc: { not: null } },
    data: { clientSecretEnc: null },
  });
  const old = await client.enrollmentAttempt.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - ATTEMPT_RETENTION_DAYS * 86_400_000) } } });
  return { secretsDeleted: secrets.count, attemptsDeleted: old.count };
}
