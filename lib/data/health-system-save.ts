import "server-only";
import { seal } from "../crypto/secrets";
import { db } from "../db";
import type { DbTransaction } from "../db/client";
import { describeChanges, endpointsOf, healthSystemChanges, type HealthSystemChange, type HealthSystemSettings } from "../health-systems/changes";
import type { SmartConfiguration } from "../smart";
import { assertRole } from "../staff/roles";
import { recordAudit } from "./audit-events";
import type { Operator, Portal, StaffSession } from "./callers";
import { clientSecretAt, summarySelect, toSummary, type HealthSystemSummary, type RegistrationStrategy } from "./health-systems";
import { newRowId } from "./row-ids";

type Client = { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string };

export type SaveHealthSystemInput = {
  /** The id for a new row (the redirect URI registered at the EHR already names it). */
  id?: string;
  name: string;
  config: SmartConfiguration;
  scope: string;
  strategy: RegistrationStrategy;
  approvalDays?: number;
  /** The shared client: a new one (registered, or issued by the EHR's administrators), the stored one kept, or none. */
  client?: Client | "keep";
};

const settingsSelect = {
  id: true,
  name: true,
  tokenEndpointAuthMethod: true,
  issuer: true,
  authorizationEndpoint: true,
  tokenEndpoint: true,
  registrationEndpoint: true,
  revocationEndpoint: true,
  introspectionEndpoint: true,
  manageEndpoint: true,
  registrationStrategy: true,
  clientId: true,
} as const;

export type StoredSettings = { id: string; name: string; tokenEndpointAuthMethod: string; settings: HealthSystemSettings };

type SettingsRow = { id: string; name: string; tokenEndpointAuthMethod: string } & HealthSystemSettings;

const toStoredSettings = (row: SettingsRow): StoredSettings => ({
  id: row.id,
  name: row.name,
  tokenEndpointAuthMethod: row.tokenEndpointAuthMethod,
  settings: {
    issuer: row.issuer,
    authorizationEndpoint: row.authorizationEndpoint,
    tokenEndpoint: row.tokenEndpoint,
    registrationEndpoint: row.registrationEndpoint,
    revocationEndpoint: row.revocationEndpoint,
    introspectionEndpoint: row.introspectionEndpoint,
    manageEndpoint: row.manageEndpoint,
    registrationStrategy: row.registrationStrategy,
    clientId: row.clientId,
  },
});

/** An existing health system's settings, by its FHIR base URL (to add it again), or null. */
export async function getHealthSystemSettings(fhirBaseUrl: string): Promise<StoredSettings | null> {
  const row = await (await db()).healthSystem.findUnique({ where: { fhirBaseUrl }, select: settingsSelect });
  return row ? toStoredSettings(row) : null;
}

/**
 * Creates or updates a health system by its FHIR base URL, audited in the same transaction (an
 * admin on the dashboard, an operator's ehr:add, or the portal activating a directory endpoint
 * a participant chose); the client secret is stored encrypted.
 */
export async function saveHealthSystem(caller: StaffSession | Operator | Portal, input: SaveHealthSystemInput): Promise<HealthSystemSummary> {
  const saved = await save(caller, input, undefined);
  if (!saved.ok) throw new Error("unreachable: an unchecked save cannot conflict");
  return saved.healthSystem;
}

export type CheckedSave = { ok: true; healthSystem: HealthSystemSummary; changes: HealthSystemChange[] } | { ok: false; reason: "changed-meanwhile" };

/**
 * saveHealthSystem, only if the stored settings are still `expected` (null: no row yet), the ones
 * the admin's confirmation was given for; otherwise nothing is saved. A save that changes
 * settings connections depend on is audited as health_system.change, listing each change.
 */
export async function saveHealthSystemChecked(caller: StaffSession | Operator, input: SaveHealthSystemInput, expected: HealthSystemSettings | null): Promise<CheckedSave> {
  return save(caller, input, expected);
}

async function save(caller: StaffSession | Operator | Portal, input: SaveHealthSystemInput, expected: HealthSystemSettings | null | undefined): Promise<CheckedSave> {
  if ("role" in caller) assertRole(caller, "admin");
  const { config } = input;
  const data = {
    name: input.name,
    fhirVersion: config.fhirVersion ?? null,
    ...endpointsOf(config),
    capabilities: config.capabilities.join(" "),
    scope: input.scope,
    registrationStrategy: input.strategy,
    ...(input.approvalDays && { approvalDays: input.approvalDays }),
    status: "ready",
    statusMessage: null,
    discoveredAt: new Date(),
  };
  return (await db()).$transaction(async (tx): Promise<CheckedSave> => {
    const existing = await tx.healthSystem.findUnique({ where: { fhirBaseUrl: config.fhirBaseUrl }, select: settingsSelect });
    const before = existing ? toStoredSettings(existing).settings : null;
    if (expected !== undefined && !sameSettings(before, expected)) return { ok: false, reason: "changed-meanwhile" };
    const id = existing?.id ?? input.id ?? newRowId();
    const client = clientColumns(id, input.client, existing === null);
    const saved = await tx.healthSystem.upsert({
      where: { fhirBaseUrl: config.fhirBaseUrl },
      create: { id, fhirBaseUrl: config.fhirBaseUrl, ...data, ...client },
      update: { ...data, ...client },
      select: { ...summarySelect, ...settingsSelect },
    });
    const changes = before ? healthSystemChanges(before, toStoredSettings(saved).settings) : [];
    await audit(tx, caller, config.fhirBaseUrl, changes);
    return { ok: true, healthSystem: toSummary(saved), changes };
  });
}

function clientColumns(id: string, client: SaveHealthSystemInput["client"], isNew: boolean) {
  if (client === "keep" && !isNew) return {};
  if (client === "keep" || client === undefined) return { clientId: null, clientSecretEnc: null, tokenEndpointAuthMethod: "client_secret_basic" };
  return {
    clientId: client.clientId,
    clientSecretEnc: client.clientSecret ? seal(client.clientSecret, clientSecretAt(id)) : null,
    tokenEndpointAuthMethod: client.tokenEndpointAuthMethod,
  };
}

const sameSettings = (a: HealthSystemSettings | null, b: HealthSystemSettings | null) =>
  a === null || b === null ? a === b : healthSystemChanges(a, b).length === 0;

async function audit(tx: DbTransaction, caller: StaffSession | Operator | Portal, fhirBaseUrl: string, changes: HealthSystemChange[]) {
  if (changes.length === 0) return recordAudit(caller, "health_system.add", { detail: fhirBaseUrl }, tx);
  await recordAudit(caller, "health_system.change", { detail: `${fhirBaseUrl}: ${describeChanges(changes).join("; ")}` }, tx);
}
