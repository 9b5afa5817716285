import "server-only";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import type { HealthSystem } from "../db/client";
import type { BasicAuthEncoding, ClientCredentials, SmartConfiguration, TokenEndpointAuthMethod } from "../smart";
import { withClientKey } from "./client-keys";

/** A health system row as read by default: without its encrypted client secret. */
type HealthSystemRow = Omit<HealthSystem, "clientSecretEnc">;

/**
 * Health systems (EHRs) the study connects to. Reads return small objects without secrets;
 * only `getHealthSystemClient` decrypts credentials, for server-side protocol calls. Adding one
 * (or adding it again): health-system-save.ts.
 */
export type RegistrationStrategy = "shared" | "per-participant";

export type HealthSystemSummary = {
  id: string;
  name: string;
  fhirBaseUrl: string;
  status: string;
  statusMessage: string | null;
  registrationStrategy: RegistrationStrategy;
  clientId: string | null;
  tokenEndpointAuthMethod: string;
  hasRegistrationEndpoint: boolean;
};

export const summarySelect = {
  id: true,
  name: true,
  fhirBaseUrl: true,
  status: true,
  statusMessage: true,
  registrationStrategy: true,
  clientId: true,
  tokenEndpointAuthMethod: true,
  registrationEndpoint: true,
} as const;

type SummaryRow = { registrationStrategy: string; registrationEndpoint: string | null } & Omit<
  HealthSystemSummary,
  "registrationStrategy" | "hasRegistrationEndpoint"
>;

export function toSummary({ registrationEndpoint, registrationStrategy, ...row }: SummaryRow): HealthSystemSummary {
  return {
    ...row,
    registrationStrategy: registrationStrategy === "per-participant" ? "per-participant" : "shared",
    hasRegistrationEndpoint: registrationEndpoint !== null,
  };
}

/** Health systems a participant can choose, by name (case-insensitive `search`). */
export async function listHealthSystems({ search }: { search?: string } = {}): Promise<HealthSystemSummary[]> {
  const rows = await (await db()).healthSystem.findMany({ select: summarySelect, orderBy: { name: "asc" } });
  const needle = search?.trim().toLowerCase().slice(0, 200);
  return rows.map(toSummary).filter((h) => !needle || h.name.toLowerCase().includes(needle));
}

export async function getHealthSystem(id: string): Promise<HealthSystemSummary | null> {
  const row = await (await db()).healthSystem.findUnique({ where: { id }, select: summarySelect });
  return row ? toSummary(row) : null;
}

/** The SMART configuration stored at discovery, as lib/smart expects it. */
export type StoredHealthSystem = {
  id: string;
  name: string;
  config: SmartConfiguration;
  scope: string;
  strategy: RegistrationStrategy;
  /** How this EHR takes client_secret_basic credentials, once learned (see lib/smart token.ts). */
  basicAuthEncoding?: BasicAuthEncoding;
};

const toEncoding = (value: string | null): BasicAuthEncoding | undefined => (value === "form" || value === "raw" ? value : undefined);

export async function getHealthSystemConfig(id: string): Promise<StoredHealthSystem | null> {
  const row = await (await db()).healthSystem.findUnique({ where: { id } });
  return row ? toStoredHealthSystem(row) : null;
}

/** Every health system's stored configuration (for building the sign-in providers). */
export async function listHealthSystemConfigs(): Promise<StoredHealthSystem[]> {
  const rows = await (await db()).healthSystem.findMany({ orderBy: { name: "asc" } });
  return rows.map(toStoredHealthSystem);
}

function toStoredHealthSystem(row: HealthSystemRow): StoredHealthSystem {
  const config: SmartConfiguration = {
    fhirBaseUrl: row.fhirBaseUrl,
    ...(row.issuer && { issuer: row.issuer }),
    ...(row.fhirVersion && { fhirVersion: row.fhirVersion }),
    authorizationEndpoint: row.authorizationEndpoint,
    tokenEndpoint: row.tokenEndpoint,
    ...(row.registrationEndpoint && { registrationEndpoint: row.registrationEndpoint }),
    ...(row.revocationEndpoint && { revocationEndpoint: row.revocationEndpoint }),
    ...(row.introspectionEndpoint && { introspectionEndpoint: row.introspectionEndpoint }),
    ...(row.manageEndpoint && { manageEndpoint: row.manageEndpoint }),
    capabilities: row.capabilities.split(" ").filter(Boolean),
    codeChallengeMethods: ["S256"],
    scopesSupported: [],
    tokenEndpointAuthMethods: [row.tokenEndpointAuthMethod],
    grantTypes: ["authorization_code", "refresh_token"],
    source: "smart-configuration",
  };
  return {
    id: row.id,
    name: row.name,
    config,
    scope: row.scope,
    strategy: row.registrationStrategy === "per-participant" ? "per-participant" : "shared",
    ...(toEncoding(row.basicAuthEncoding) && { basicAuthEncoding: toEncoding(row.basicAuthEncoding)! }),
  };
}

/** The shared client's credentials (decrypted), or null when none is registered. */
export async function getHealthSystemClient(id: string): Promise<ClientCredentials | null> {
  const row = await (await db()).healthSystem.findUnique({
    where: { id },
    select: { id: true, clientId: true, clientSecretEnc: true, tokenEndpointAuthMethod: true, basicAuthEncoding: true },
  });
  return row ? withClientKey(toClient(row)) : null;
}

/** A health system's configuration and its shared client, in one read (the callback's hot path). */
export async function getHealthSystemWithClient(id: string): Promise<{ healthSystem: StoredHealthSystem; client: ClientCredentials | null } | null> {
  const row = await (await db()).healthSystem.findUnique({ where: { id }, omit: { clientSecretEnc: false } });
  return row ? { healthSystem: toStoredHealthSystem(row), client: await withClientKey(toClient(row)) } : null;
}

/** Where a health system's shared client secret is sealed. */
export const clientSecretAt = (rowId: string) => ({ table: "HealthSystem" as const, column: "clientSecretEnc" as const, rowId });

function toClient(row: { id: string; clientId: string | null; clientSecretEnc: string | null; tokenEndpointAuthMethod: string; basicAuthEncoding: string | null }): ClientCredentials | null {
  if (!row.clientId) return null;
  const encoding = toEncoding(row.basicAuthEncoding);
  return {
    clientId: row.clientId,
    tokenEndpointAuthMethod: row.tokenEndpointAuthMethod as TokenEndpointAuthMethod,
    ...(encoding && { basicAuthEncoding: encoding }),
    ...(row.clientSecretEnc && { clientSecret: unseal(row.clientSecretEnc, clientSecretAt(row.id)) }),
  };
}

/** Records a new shared registration (after the EHR forgot the old one). */
export async function updateHealthSystemClient(
  id: string,
  client: { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string },
): Promise<void> {
  await (await db()).healthSystem.update({
    where: { id },
    data: {
      clientId: client.clientId,
      clientSecretEnc: client.clientSecret ? seal(client.clientSecret, clientSecretAt(id)) : null,
      tokenEndpointAuthMethod: client.tokenEndpointAuthMethod,
      basicAuthEncoding: null,
      status: "ready",
      statusMessage: null,
    },
  });
}

/**
 * Remembers how the health system's token endpoint takes client_secret_basic credentials, learned
 * when it refused one encoding and accepted the other (a server fact, not a person's action).
 */
export async function rememberBasicAuthEncoding(id: string, encoding: BasicAuthEncoding): Promise<void> {
  await (await db()).healthSystem.updateMany({ where: { id }, data: { basicAuthEncoding: encoding } });
}

export async function setHealthSystemStatus(id: string, status: "ready" | "error", message: string | null): Promise<void> {
  await (await db()).healthSystem.update({ where: { id }, data: { status, statusMessage: message } });
}

