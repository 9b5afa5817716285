import "server-only";
import { listHealthSystems, type HealthSystemSummary, getHealthSystemClient, getHealthSystemConfig, setHealthSystemStatus, updateHealthSystemClient } from "../data/health-systems";
import { log } from "../log";
import { refresh, type TokenEndpointAuthMethod } from "../smart";
import { callbackUrl, ehrTimeoutMs, ehrUrlPolicy } from "./policy";
import { registerClient } from "./register-client";

/**
 * At every start: does each health system still know the portal's shared client? A refresh with
 * a token that cannot exist is answered `invalid_grant` by a server that knows the client and
 * `invalid_client` by one that does not (a sandbox started with fresh state, say); then the
 * portal registers again and says so in its log. Nothing is changed for any other answer.
 */
export async function verifyRegistrations(): Promise<void> {
  const due = (await listHealthSystems()).filter((s) => s.registrationStrategy === "shared" && s.hasRegistrationEndpoint);
  // A few at a time, so one EHR that does not answer (each waits up to its timeout) delays no other.
  const queue = due.values();
  const worker = async () => {
    for (const summary of queue) {
      try {
        await verifyRegistration(summary);
      } catch (error) {
        // One health system's broken configuration must not stop the others being checked.
        log.error("health_system.verify_failed", { healthSystemId: summary.id, error: error instanceof Error ? error.message : String(error) });
        await setHealthSystemStatus(summary.id, "error", "Its stored registration is incomplete; add it again.");
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(VERIFY_CONCURRENCY, due.length) }, worker));
}

/** Health systems checked at once at start. */
const VERIFY_CONCURRENCY = 8;

async function verifyRegistration(summary: HealthSystemSummary): Promise<void> {
  const [healthSystem, client] = await Promise.all([getHealthSystemConfig(summary.id), getHealthSystemClient(summary.id)]);
  if (!healthSystem || !client) return;
  const ask = () => refresh({ config: healthSystem.config, client, refreshToken: "registration-check-not-a-token", timeoutMs: ehrTimeoutMs(), policy: ehrUrlPolicy() });
  let probe = await ask();
  // One more try after a transient failure (a connection the EHR closed while restarting, say).
  if (!probe.ok && probe.error.transient) probe = await new Promise((r) => setTimeout(r, 500)).then(ask);
  if (probe.ok || probe.error.kind !== "oauth" || probe.error.code !== "invalid_client") return;
  const registered = await registerClient(healthSystem.config, {
    redirectUri: callbackUrl(summary.id),
    scope: healthSystem.scope,
    authMethod: summary.tokenEndpointAuthMethod as TokenEndpointAuthMethod,
  });
  if (!registered.ok) {
    log.error("health_system.reregistration_failed", { healthSystemId: summary.id, kind: registered.error.kind });
    await setHealthSystemStatus(summary.id, "error", `Registration lost and re-registration failed: ${registered.error.message}`);
    return;
  }
  await updateHealthSystemClient(summary.id, registered.value);
  log.warn("health_system.reregistered", { healthSystemId: summary.id, name: summary.name, message: `${summary.name} no longer knew the portal's client; registered again.` });
}
