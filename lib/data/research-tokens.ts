import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";
import type { RegisteredClient } from "../backend-services/assertion";
import { readableTypes, type ReadableTypes } from "../backend-services/scopes";

/**
 * Research clients' access tokens and the client assertions' `jti`s. A token is 32 random bytes
 * handed to the client once; only its SHA-256 is stored, so the table gives nothing away.
 */
const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

/** Records an assertion's jti until it expires; false when this client already used it. */
export async function rememberAssertionJti(clientId: string, jti: string, expiresAt: Date): Promise<boolean> {
  try {
    await (await db()).clientAssertionJti.create({ data: { clientId, jti, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function issueResearchToken(client: Pick<RegisteredClient, "id">, scope: string, expiresAt: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const database = await db();
  await database.$transaction([
    database.researchAccessToken.create({ data: { tokenHash: hashOf(token), clientId: client.id, scope, expiresAt } }),
    database.researchClient.update({ where: { id: client.id }, data: { lastTokenAt: new Date() } }),
  ]);
  return token;
}

/** A research tool calling the FHIR API with a valid bearer token. */
/** A research client acting through the FHIR API with one of its access tokens. */
export type ResearchCaller = { kind: "research-client"; clientId: string; name: string; scope: string; readable: ReadableTypes };

/** The caller a bearer token stands for, or null (unknown, expired, or its client disabled). */
export async function researchCallerForToken(token: string, now = new Date()): Promise<ResearchCaller | null> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
  const database = await db();
  const row = await database.researchAccessToken.findUnique({ where: { tokenHash: hashOf(token) } });
  if (!row || row.expiresAt <= now) return null;
  const client = await database.researchClient.findUnique({ where: { id: row.clientId }, select: { name: true, disabled: true } });
  if (!client || client.disabled) return null;
  return { kind: "research-client", clientId: row.clientId, name: client.name, scope: row.scope, readable: readableTypes(row.scope) };
}

/** Forgets expired tokens and jtis (a replayed assertion would fail its exp check by then anyway). */
export async function pruneResearchCredentials(now = new Date()): Promise<void> {
  const database = await db();
  await database.researchAccessToken.deleteMany({ where: { expiresAt: { lt: now } } });
  await database.clientAssertionJti.deleteMany({ where: { expiresAt: { lt: now } } });
}
