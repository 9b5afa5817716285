import "server-only";
import { randomBytes } from "node:crypto";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import { withClientKey } from "./client-keys";
import type { ClientCredentials, TokenEndpointAuthMethod } from "../smart";

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
      clientSecretEnc: input.client?.clientSecret ? seal(input.client.clientSecret, attemptSecretAt(id)) : null,
      clientAuthMethod: input.client?.tokenEndpointAuthMethod ?? null,
      expiresAt: new Date(Date.now() + ATTEMPT_LIFETIME_MS),
    },
  });
  return id;
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

/** Removes attempts that ended long ago (the sync worker and start-up call this). */
export async function deleteExpiredAttempts(now = new Date()): Promise<number> {
  const { count } = await (await db()).enrollmentAttempt.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - ATTEMPT_LIFETIME_MS) } },
  });
  return count;
}
