/**
 * Benchmark `sandbox`: the sandbox's own token-endpoint and Patient-read throughput, measured from a second
 * process (sandbox/bench/load.ts) at a concurrency of 32: refresh grants with strict rotation (one chain per
 * worker, minted with the debug endpoint), then Patient reads, about 5 s each.
 */
import { spawn } from "node:child_process";
import { startSandbox } from "../../sandbox/server";
import type { LoadPlan, PhaseResult } from "../../sandbox/bench/load";
import { percentile, round } from "../support/stats";

const CONCURRENCY = 32;
const DURATION_MS = 5_000;
const WARMUP_MS = 500;

async function json(url: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, string>;
}

function runLoad(plan: LoadPlan): Promise<{ token: PhaseResult; patientRead: PhaseResult }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/bench/load.ts", JSON.stringify(plan)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited with ${code}`))));
  });
}

export async function run(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 0, quiet: true, syntheticPatients: 1000 });
  try {
    const client = await json(`${sandbox.url}/oauth/register`, {
      client_name: "Sandbox benchmark",
      redirect_uris: ["https://bench.invalid/callback"],
      scope: "launch/patient patient/*.read offline_access",
    });
    const chains: LoadPlan["chains"] = [];
    for (let i = 1; i <= CONCURRENCY; i++) {
      const patientId = `synthetic-${String(i).padStart(6, "0")}`;
      const username = `user-${String(i).padStart(6, "0")}`;
      const tokens = await json(`${sandbox.url}/oauth/debug/token`, { client_id: client.client_id, username, patient_id: patientId });
      chains.push({ refreshToken: tokens.refresh_token ?? "", accessToken: tokens.access_token ?? "", patientId });
    }
    const result = await runLoad({
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
