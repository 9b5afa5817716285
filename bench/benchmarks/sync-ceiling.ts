/**
 * The `sync` benchmark's ceiling: what the sandbox alone answers to a plain load generator
 * (sandbox/bench/load.ts in a second process, concurrency 32): refresh grants with strict
 * rotation, then Patient reads. A synced connection costs one of each.
 */
import { spawn } from "node:child_process";
import type { RunningSandbox } from "../../sandbox/server";
import type { LoadPlan, PhaseResult } from "../../sandbox/bench/load";

const CONCURRENCY = 32;

async function post(url: string, body: unknown): Promise<Record<string, string>> {
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

/** Connections per second the sandbox alone could serve (token + Patient per connection). */
export async function measureCeiling(sandbox: RunningSandbox): Promise<number> {
  const client = await post(`${sandbox.url}/oauth/register`, { client_name: "Ceiling", redirect_uris: ["https://bench.invalid/cb"], scope: "launch/patient patient/*.read offline_access" });
  const chains: LoadPlan["chains"] = [];
  for (let i = 1; i <= CONCURRENCY; i++) {
    const n = String(i).padStart(6, "0");
    const tokens = await post(`${sandbox.url}/oauth/debug/token`, { client_id: client.client_id, username: `user-${n}`, patient_id: `synthetic-${n}` });
    chains.push({ refreshToken: tokens.refresh_token ?? "", accessToken: tokens.access_token ?? "", patientId: `synthetic-${n}` });
  }
  const { token, patientRead } = await runLoad({
    tokenUrl: `${sandbox.url}/oauth/token`,
    fhirBase: sandbox.s4sFhirBase,
    clientId: client.client_id ?? "",
    clientSecret: client.client_secret ?? "",
    chains,
    durationMs: 4_000,
    warmupMs: 500,
  });
  if (token.errors > 0 || patientRead.errors > 0) throw new Error("errors while measuring the ceiling");
  const tokenRps = token.requests / token.seconds;
  const patientRps = patientRead.requests / patientRead.seconds;
  return 1 / (1 / tokenRps + 1 / patientRps);
}
