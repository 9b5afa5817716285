import "server-only";
import { randomBytes } from "node:crypto";
import type { Operator, StaffSession } from "../data/callers";
import { getHealthSystemSettings, saveHealthSystemChecked, type StoredSettings } from "../data/health-system-save";
import type { HealthSystemSummary, RegistrationStrategy } from "../data/health-systems";
import { defaultScope, discover, type SmartConfiguration, type TokenEndpointAuthMethod } from "../smart";
import { log } from "../log";
import { changesFingerprint, describeChanges, endpointsOf, healthSystemChanges, NEW_REGISTRATION, type HealthSystemChange, type HealthSystemSettings } from "./changes";
import { callbackUrl, ehrTimeoutMs, ehrUrlPolicy } from "./policy";
import { registerClient } from "./register-client";

export type AddHealthSystemInput = {
  fhirBaseUrl: string;
  name?: string;
  strategy?: RegistrationStrategy;
  authMethod?: TokenEndpointAuthMethod;
  /** For EHRs without dynamic registration: the client the EHR's administrators issued. */
  clientId?: string;
  clientSecret?: string;
  /**
   * Confirms changes to an existing health system's endpoints, issuer or client: `true` for
   * whatever they are now (ehr:add --confirm-change), or the fingerprint of the changes the admin
   * was shown (the dashboard), which holds only while discovery says the same.
   */
  confirmChange?: true | string;
};

export type AddHealthSystemResult =
  | { ok: true; healthSystem: HealthSystemSummary; registered: boolean; changes: string[] }
  | { ok: false; message: string }
  | { ok: false; confirm: { changes: string[]; fingerprint: string; name: string }; message: string };

const normalizeBase = (url: string) => url.trim().replace(/\/+$/, "");

/**
 * Adds a health system, or adds it again: discovery (.well-known, else the metadata's oauth-uris),
 * then RFC 7591 registration where the EHR offers it and the strategy is "shared", else the
 * client id and secret given by the admin. Every URL the EHR names is checked by the URL policy.
 *
 * Added again with nothing changed, it keeps its shared client: a new registration would leave
 * every connection's refresh token with a client the portal no longer uses. When discovery (or
 * the admin's options) would change its endpoints, issuer, registration or client, nothing
 * happens until the admin confirms exactly those changes; then they are applied, logged
 * (health_system.changed) and audited (health_system.change, each change listed).
 */
export async function addHealthSystem(caller: StaffSession | Operator, input: AddHealthSystemInput): Promise<AddHealthSystemResult> {
  const fhirBaseUrl = normalizeBase(input.fhirBaseUrl);
  if (!URL.canParse(fhirBaseUrl)) return { ok: false, message: "That is not a web address (it should look like https://ehr.example.org/fhir)." };
  const discovered = await discover(fhirBaseUrl, { policy: ehrUrlPolicy(), timeoutMs: ehrTimeoutMs() });
  if (!discovered.ok) {
    log.warn("health_system.discovery_failed", { fhirBaseUrl, kind: discovered.error.kind });
    return { ok: false, message: `Discovery failed: ${discovered.error.message}` };
  }
  const config = discovered.value;
  const scope = defaultScope(config);
  const existing = await getHealthSystemSettings(fhirBaseUrl);
  // Added again without saying: the registration it has (the dashboard's form does not ask).
  const strategy = input.strategy ?? (existing?.settings.registrationStrategy === "per-participant" ? "per-participant" : "shared");
  const id = existing?.id ?? randomBytes(9).toString("base64url");
  const name = input.name?.trim() || existing?.name || new URL(fhirBaseUrl).host;

  if (strategy === "per-participant" && !config.registrationEndpoint) {
    return { ok: false, message: "This health system has no registration endpoint, so it cannot register one client per participant." };
  }
  if (strategy === "shared" && !input.clientId && !config.registrationEndpoint && !keepsClient(existing, config, strategy, input)) {
    return { ok: false, message: "This health system has no registration endpoint: give the client id (and secret) its administrators issued." };
  }
  const plan = clientPlan(existing, config, strategy, input);
  const changes = existing ? healthSystemChanges(existing.settings, planned(config, strategy, plan)) : [];
  if (changes.length > 0 && !confirmed(input.confirmChange, changes)) {
    const described = describeChanges(changes);
    return {
      ok: false,
      confirm: { changes: described, fingerprint: changesFingerprint(changes), name },
      message: `${name} is already added, and adding it again would change what its connections depend on:\n  ${described.join("\n  ")}\nNothing was changed. Confirm to apply exactly these changes.`,
    };
  }

  let client: { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string } | "keep" | undefined;
  if (plan.kind === "given") client = plan.client;
  else if (plan.kind === "keep") client = "keep";
  else if (plan.kind === "register") {
    const registered = await registerClient(config, { redirectUri: callbackUrl(id), scope, authMethod: input.authMethod ?? "client_secret_basic" });
    if (!registered.ok) return { ok: false, message: `Registration failed: ${registered.error.message}` };
    client = registered.value;
  }
  const saved = await saveHealthSystemChecked(caller, { id, name, config, scope, strategy, ...(client && { client }) }, existing?.settings ?? null);
  if (!saved.ok) return { ok: false, message: `${name} was changed by someone else meanwhile; nothing was saved. Please add it again.` };
  const registered = plan.kind === "register";
  if (saved.changes.length > 0) log.warn("health_system.changed", { id, fhirBaseUrl, changes: describeChanges(saved.changes) });
  log.info("health_system.saved", { id: saved.healthSystem.id, fhirBaseUrl, strategy, registered });
  return { ok: true, healthSystem: saved.healthSystem, registered, changes: describeChanges(saved.changes) };
}

type ClientPlan =
  | { kind: "given"; client: { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string } }
  | { kind: "keep"; clientId: string }
  | { kind: "register" }
  | { kind: "none" };

/** The stored shared client stays when nothing it depends on changes (added again as it was). */
function keepsClient(existing: StoredSettings | null, config: SmartConfiguration, strategy: RegistrationStrategy, input: AddHealthSystemInput): existing is StoredSettings {
  if (!existing?.settings.clientId || strategy !== "shared" || existing.settings.registrationStrategy !== "shared") return false;
  if (input.authMethod && input.authMethod !== existing.tokenEndpointAuthMethod) return false;
  return healthSystemChanges(existing.settings, planned(config, strategy, { kind: "keep", clientId: existing.settings.clientId })).length === 0;
}

function clientPlan(existing: StoredSettings | null, config: SmartConfiguration, strategy: RegistrationStrategy, input: AddHealthSystemInput): ClientPlan {
  if (input.clientId) {
    const tokenEndpointAuthMethod = input.authMethod ?? (input.clientSecret ? "client_secret_basic" : "none");
    return { kind: "given", client: { clientId: input.clientId, ...(input.clientSecret && { clientSecret: input.clientSecret }), tokenEndpointAuthMethod } };
  }
  if (strategy !== "shared") return { kind: "none" };
  if (keepsClient(existing, config, strategy, input)) return { kind: "keep", clientId: existing.settings.clientId! };
  return { kind: "register" };
}

/** The settings the health system will have once saved with this client plan. */
function planned(config: SmartConfiguration, strategy: RegistrationStrategy, plan: ClientPlan): HealthSystemSettings {
  return {
    ...endpointsOf(config),
    registrationStrategy: strategy,
    clientId: plan.kind === "given" ? plan.client.clientId : plan.kind === "keep" ? plan.clientId : plan.kind === "register" ? NEW_REGISTRATION : null,
  };
}

const confirmed = (confirmation: AddHealthSystemInput["confirmChange"], changes: HealthSystemChange[]) =>
  confirmation === true || confirmation === changesFingerprint(changes);
