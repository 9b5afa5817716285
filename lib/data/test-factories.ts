/** Factories for the data-layer tests: real rows through the real data-access functions. */
import { randomBytes } from "node:crypto";
import { db } from "../db";
import type { Prisma } from "../db/client";
import type { SmartConfiguration } from "../smart";
import { operator } from "./callers";
import { saveHealthSystem } from "./health-system-save";
import { createEnrollmentAttempt } from "./enrollment-attempts";
import { completeEnrollment, type CompletedEnrollment, type GrantedTokens } from "./enrollment";

export const uniqueId = () => randomBytes(6).toString("hex");

export function smartConfiguration(fhirBaseUrl: string): SmartConfiguration {
  return {
    fhirBaseUrl,
    authorizationEndpoint: `${fhirBaseUrl}/authorize`,
    tokenEndpoint: `${fhirBaseUrl}/token`,
    registrationEndpoint: `${fhirBaseUrl}/register`,
    capabilities: ["launch-standalone", "permission-offline"],
    codeChallengeMethods: ["S256"],
    scopesSupported: [],
    tokenEndpointAuthMethods: ["client_secret_basic"],
    grantTypes: ["authorization_code", "refresh_token"],
    source: "capability-statement",
  };
}

export async function aHealthSystem(overrides: { name?: string; clientSecret?: string } = {}) {
  const base = `https://ehr-${uniqueId()}.example.org/fhir`;
  return saveHealthSystem(operator("test"), {
    name: overrides.name ?? `Hospital ${uniqueId()}`,
    config: smartConfiguration(base),
    scope: "launch/patient patient/*.read offline_access",
    strategy: "shared",
    client: { clientId: `client-${uniqueId()}`, clientSecret: overrides.clientSecret ?? `secret-${uniqueId()}`, tokenEndpointAuthMethod: "client_secret_basic" },
  });
}

export function anAttempt(healthSystemId: string, participantId?: string) {
  return createEnrollmentAttempt({
    healthSystemId,
    consentVersion: "2026-11-v1",
    consentedAt: new Date(),
    ...(participantId && { participantId }),
  });
}

export const tokensFor = (patientId: string) => ({
  patientId,
  accessToken: `access-${uniqueId()}`,
  accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
  refreshToken: `refresh-${uniqueId()}`,
  grantedScope: "launch/patient patient/*.read offline_access",
});

/** A new participant with one connection to `healthSystemId`, its columns set as the test needs. */
export async function aConnection(healthSystemId: string, columns: Partial<Prisma.ConnectionUncheckedCreateInput> = {}) {
  const client = await db();
  const participant = await client.participant.create({ data: {} });
  return client.connection.create({ data: { participantId: participant.id, healthSystemId, patientId: `p-${uniqueId()}`, ...columns } });
}

/** completeEnrollment, for tests that expect it to store the enrollment. */
export async function enrolled(attemptId: string, tokens: GrantedTokens): Promise<CompletedEnrollment> {
  const outcome = await completeEnrollment(attemptId, tokens);
  if (!outcome.ok) throw new Error(`the enrollment was not stored: ${outcome.reason}`);
  return outcome;
}

/**
 * Stores FHIR resources for a connection the way the resource store keeps them (one row each,
 * content hash, seen/changed times), for tests of what staff see; the sync that fills the
 * store in production is not involved.
 */
export async function storedResources(connectionId: string, resources: readonly ({ resourceType: string; id: string } & Record<string, unknown>)[], { source = "record", at = new Date() }: { source?: string; at?: Date } = {}) {
  const { createHash } = await import("node:crypto");
  const rows = resources.map((r) => {
    const resourceJson = JSON.stringify(r);
    const meta = (r as { meta?: { versionId?: string; lastUpdated?: string } }).meta;
    return {
      connectionId,
      resourceType: r.resourceType,
      fhirId: r.id,
      versionId: meta?.versionId ?? null,
      lastUpdated: meta?.lastUpdated ?? null,
      contentHash: createHash("sha256").update(resourceJson).digest("base64url"),
      resourceJson,
      source,
      firstSeenAt: at,
      lastSeenAt: at,
      changedAt: at,
    };
  });
  await (await db()).fhirResource.createMany({ data: rows });
}
