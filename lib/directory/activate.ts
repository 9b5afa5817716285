import "server-only";
import { randomBytes } from "node:crypto";
import { activatedHealthSystemId, claimActivation, endpointToActivate, healthSystemIdForBase, linkActivatedEndpoint, recordActivationFailure, type EndpointToActivate } from "../data/directory-endpoints";
import { portal } from "../data/callers";
import { saveHealthSystem } from "../data/health-system-save";
import { callbackUrl, ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { registerClient } from "../health-systems/register-client";
import { log } from "../log";
import { defaultScope, discover, TOKEN_ENDPOINT_AUTH_METHODS, type SmartError, type TokenEndpointAuthMethod } from "../smart";

/**
 * Activation on first use: an imported endpoint becomes a health system the first time a
 * participant chooses it: discovery, then RFC 7591 registration (or the client staff configured
 * for the vendor, private_key_jwt included). The result is kept, so later participants go
 * straight on; a failure is recorded for staff and answered with a plain message.
 */
export type Activation = { ok: true; healthSystemId: string } | { ok: false; reason: "unknown" | "unavailable" | "busy" };

/** After a failure, participants are told at once for this long instead of waiting on the endpoint again. */
const RETRY_AFTER_FAILURE_MS = 60_000;
const inFlight = new Map<string, Promise<Activation>>();

export function activateHealthSystem(endpointId: string): Promise<Activation> {
  const running = inFlight.get(endpointId);
  if (running) return running;
  const work = activate(endpointId).finally(() => inFlight.delete(endpointId));
  inFlight.set(endpointId, work);
  return work;
}

async function activate(endpointId: string): Promise<Activation> {
  const endpoint = await endpointToActivate(endpointId);
  if (!endpoint) return { ok: false, reason: "unknown" };
  if (endpoint.healthSystemId) return { ok: true, healthSystemId: endpoint.healthSystemId };
  const existing = await healthSystemIdForBase(endpoint.fhirBaseUrl);
  if (existing) return { ok: true, healthSystemId: existing };
  if (endpoint.lastFailureAt && Date.now() - endpoint.lastFailureAt.getTime() < RETRY_AFTER_FAILURE_MS) return { ok: false, reason: "unavailable" };
  const leaseMs = 3 * ehrTimeoutMs() + 5_000;
  if (!(await claimActivation(endpointId, leaseMs))) return waitForOther(endpointId, leaseMs);
  try {
    return await discoverAndRegister(endpoint);
  } catch (error) {
    await recordActivationFailure(endpointId, "unexpected error while activating");
    throw error;
  }
}

/** Another process is activating this endpoint: wait for it (bounded), then use what it made. */
async function waitForOther(endpointId: string, leaseMs: number): Promise<Activation> {
  for (let waited = 0; waited < leaseMs; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const id = await activatedHealthSystemId(endpointId);
    if (id) return { ok: true, healthSystemId: id };
  }
  return { ok: false, reason: "busy" };
}

async function discoverAndRegister(endpoint: EndpointToActivate): Promise<Activation> {
  const fail = async (stage: string, error: SmartError): Promise<Activation> => {
    const detail = error.kind === "url-policy" ? error.problem : error.kind === "oauth" ? error.code : error.kind === "http" ? `HTTP ${error.status}` : error.kind;
    await recordActivationFailure(endpoint.id, `${stage} failed: ${detail}. ${error.message}`);
    log.warn("directory.activation_failed", { endpointId: endpoint.id, stage, kind: error.kind });
    return { ok: false, reason: "unavailable" };
  };
  const discovered = await discover(endpoint.fhirBaseUrl, { policy: ehrUrlPolicy(), timeoutMs: ehrTimeoutMs() });
  if (!discovered.ok) return fail("Discovery", discovered.error);
  const config = discovered.value;
  const scope = defaultScope(config);
  const id = randomBytes(9).toString("base64url");
  const { vendorClient } = endpoint;
  const authMethod = (TOKEN_ENDPOINT_AUTH_METHODS as readonly string[]).includes(vendorClient.authMethod ?? "") ? (vendorClient.authMethod as TokenEndpointAuthMethod) : undefined;
  let client: { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string } | undefined;
  if (vendorClient.clientId) {
    client = { clientId: vendorClient.clientId, ...(vendorClient.clientSecret && { clientSecret: vendorClient.clientSecret }), tokenEndpointAuthMethod: authMethod ?? (vendorClient.clientSecret ? "client_secret_basic" : "none") };
  } else if (vendorClient.strategy === "shared") {
    if (!config.registrationEndpoint) {
      await recordActivationFailure(endpoint.id, "Registration failed: the endpoint offers no dynamic registration; configure the vendor's client (npm run directory:vendor).");
      return { ok: false, reason: "unavailable" };
    }
    const registered = await registerClient(config, { redirectUri: callbackUrl(id), scope, authMethod: authMethod ?? "client_secret_basic" });
    if (!registered.ok) return fail("Registration", registered.error);
    client = registered.value;
  } else if (!config.registrationEndpoint) {
    await recordActivationFailure(endpoint.id, "Registration failed: one registration per participant needs a registration endpoint, and this one has none.");
    return { ok: false, reason: "unavailable" };
  }
  const saved = await saveHealthSystem(portal, { id, name: endpoint.brandName, config, scope, strategy: vendorClient.strategy, ...(client && { client }) });
  await linkActivatedEndpoint(endpoint.id, saved.id);
  log.info("directory.activated", { endpointId: endpoint.id, healthSystemId: saved.id, registered: Boolean(client && !vendorClient.clientId) });
  return { ok: true, healthSystemId: saved.id };
}
