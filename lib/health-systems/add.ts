import "server-only";
import { randomBytes } from "node:crypto";
import type { Operator, StaffSession } from "../data/callers";
import { findHealthSystemByBaseUrl, saveHealthSystem, type HealthSystemSummary, type RegistrationStrategy } from "../data/health-systems";
import { defaultScope, discover, type TokenEndpointAuthMethod } from "../smart";
import { log } from "../log";
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
};

export type AddHealthSystemResult = { ok: true; healthSystem: HealthSystemSummary; registered: boolean } | { ok: false; message: string };

const normalizeBase = (url: string) => url.trim().replace(/\/+$/, "");

/**
 * Adds (or refreshes) a health system: discovery (.well-known, else the metadata's oauth-uris),
 * then RFC 7591 registration where the EHR offers it and the strategy is "shared", else the
 * client id and secret given by the admin. Every URL the EHR names is checked by the URL policy.
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
  const strategy = input.strategy ?? "shared";
  const scope = defaultScope(config);
  const existing = await findHealthSystemByBaseUrl(fhirBaseUrl);
  const id = existing?.id ?? randomBytes(9).toString("base64url");
  const name = input.name?.trim() || existing?.name || new URL(fhirBaseUrl).host;

  if (strategy === "per-participant" && !config.registrationEndpoint) {
    return { ok: false, message: "This health system has no registration endpoint, so it cannot register one client per participant." };
  }
  let client: { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string } | undefined;
  if (input.clientId) {
    client = { clientId: input.clientId, clientSecret: input.clientSecret, tokenEndpointAuthMethod: input.authMethod ?? (input.clientSecret ? "client_secret_basic" : "none") };
  } else if (strategy === "shared") {
    if (!config.registrationEndpoint) {
      return { ok: false, message: "This health system has no registration endpoint: give the client id (and secret) its administrators issued." };
    }
    const registered = await registerClient(config, { redirectUri: callbackUrl(id), scope, authMethod: input.authMethod ?? "client_secret_basic" });
    if (!registered.ok) return { ok: false, message: `Registration failed: ${registered.error.message}` };
    client = registered.value;
  }
  const healthSystem = await saveHealthSystem(caller, { id, name, config, scope, strategy, ...(client && { client }) });
  log.info("health_system.saved", { id: healthSystem.id, fhirBaseUrl, strategy, registered: Boolean(client && !input.clientId) });
  return { ok: true, healthSystem, registered: Boolean(client && !input.clientId) };
}
