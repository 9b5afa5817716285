/**
 * For the refresh and sync tests: a sandbox EHR on a free port with synthetic patients, one shared
 * client registered there, and connections stored through the real enrollment functions with
 * tokens minted by the sandbox's debug endpoint.
 */
import { startSandbox } from "../../sandbox/server";
import { completeEnrollment } from "../data/enrollment";
import { operator } from "../data/callers";
import { saveHealthSystem } from "../data/health-system-save";
import { anAttempt, smartConfiguration } from "../data/test-factories";

export type TestEhr = Awaited<ReturnType<typeof startTestEhr>>;

const pad = (n: number) => String(n).padStart(6, "0");

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: body === undefined ? "DELETE" : "POST", headers: { "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** `record`: the sandbox's record size and page size (default: its own, 60 resources a patient, pages of 50). */
export async function startTestEhr(patients = 200, record: { recordSize?: number; maxPageSize?: number } = {}) {
  const sandbox = await startSandbox({ port: 0, quiet: true, syntheticPatients: patients, ...record });
  const scope = "launch/patient patient/*.read offline_access";
  const client = await post(`${sandbox.url}/oauth/register`, { client_name: "Sync tests", redirect_uris: ["https://portal.invalid/cb"], scope });
  const clientId = String(client.client_id);
  const fhirBaseUrl = sandbox.s4sFhirBase;
  const hs = await saveHealthSystem(operator("test"), {
    name: `Sandbox ${sandbox.url}`,
    config: {
      ...smartConfiguration(fhirBaseUrl),
      fhirVersion: "1.0.2",
      authorizationEndpoint: `${sandbox.url}/oauth/authorize`,
      tokenEndpoint: `${sandbox.url}/oauth/token`,
      registrationEndpoint: undefined,
    },
    scope,
    strategy: "shared",
    client: { clientId, clientSecret: String(client.client_secret), tokenEndpointAuthMethod: "client_secret_basic" },
  });
  const admin = (path: string, body?: unknown) => post(`${sandbox.url}/_sandbox${path}`, body);
  return {
    sandbox,
    healthSystemId: hs.id,
    admin,
    async stats() {
      const res = await fetch(`${sandbox.url}/_sandbox/stats`);
      return (await res.json()) as { tokenRequests: { refresh_token: number }; refreshesByClient: Record<string, number>; fhirRequests: number };
    },
    /** Stores a connection for synthetic patient `n`; `accessLifetime` in seconds (negative: expired). */
    async connect(n: number, accessLifetime = -10) {
      const tokens = await post(`${sandbox.url}/oauth/debug/token`, { client_id: clientId, username: `user-${pad(n)}`, patient_id: `synthetic-${pad(n)}`, access_lifetime: accessLifetime });
      const done = await completeEnrollment(await anAttempt(hs.id), {
        patientId: `synthetic-${pad(n)}`,
        accessToken: String(tokens.access_token),
        accessTokenExpiresAt: new Date(Date.now() + accessLifetime * 1000),
        refreshToken: String(tokens.refresh_token),
        grantedScope: scope,
      });
      if (!done.ok) throw new Error(`enrollment not stored: ${done.reason}`);
      return { connectionId: done.connectionId, participantId: done.participantId, refreshToken: String(tokens.refresh_token) };
    },
    close: () => sandbox.close(),
  };
}
