/**
 * Benchmark `sandbox`: the sandbox's own token-endpoint and Patient-read throughput, measured from a second
 * process (sandbox/bench/load.ts) at a concurrency of 32: refresh grants with strict rotation (one chain per
 * worker, minted with the debug endpoint), then Patient reads, about 5 s each.
 */
import { startSandbox } from "../../sandbox/server";
import type { LoadPlan } from "../../sandbox/bench/load";
import { postJson, runSandboxLoad } from "../support/sandbox-load";
import { percentile, round } from "../support/stats";

const CONCURRENCY = 32;
const DURATION_MS = 5_000;
const WARMUP_MS = 500;

export async function run(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 0, quiet: true, syntheticPatients: 1000 });
  try {
    const client = await postJson(`${sandbox.url}/oauth/register`, {
      client_name: "Sandbox benchmark",
      redirect_uris: ["https://bench.invalid/callback"],
      scope: "launch/patient patient/*.read offline_access",
    });
    const chains: LoadPlan["chains"] = [];
    for (let i = 1; i <= CONCURRENCY; i++) {
      const patientId = `synthetic-${String(i).padStart(6, "0")}`;
      const username = `user-${String(i).padStart(6, "0")}`;
      const tokens = await postJson(`${sandbox.url}/oauth/debug/token`, { client_id: client.client_id, username, patient_id: patientId });
      chains.push({ refreshToken: tokens.refresh_token ?? "", accessToken: tokens.access_token ?? "", patientId });
    }
    const result = await runSandboxLoad({
      tokenUrl: `${sandbox.url}/oauth/token`,
      fhirBase: sandbox.s4sFhirBase,
      clientId: client.client_id ?? "",
      clientSecret: client.client_secret ?? "",
      chains,
      durationMs: DURATION_MS,
      warmupMs: WARMUP_MS,
    });
    const { token, patientRead } = result;
    if (token.errors > 0 || patientRead.errors > 0) {
      throw new Error(`errors under load: ${token.errors} token, ${patientRead.errors} Patient read`);
    }
    return {
      tokenRps: round(token.requests / token.seconds),
      tokenP50Ms: round(percentile(token.latenciesMs, 50), 2),
      tokenP99Ms: round(percentile(token.latenciesMs, 99), 2),
      patientReadRps: round(patientRead.requests / patientRead.seconds),
      patientReadP50Ms: round(percentile(patientRead.latenciesMs, 50), 2),
      patientReadP99Ms: round(percentile(patientRead.latenciesMs, 99), 2),
    };
  } finally {
    await sandbox.close();
  }
}
