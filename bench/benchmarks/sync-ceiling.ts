/**
 * The `sync` benchmark's ceiling: what the sandbox alone answers to a plain load generator
 * (sandbox/bench/load.ts in a second process, concurrency 32): refresh grants with strict
 * rotation, then Patient reads. A synced connection costs one of each.
 */
import type { RunningSandbox } from "../../sandbox/server";
import type { LoadPlan } from "../../sandbox/bench/load";
import { postJson, runSandboxLoad } from "../support/sandbox-load";

const CONCURRENCY = 32;

/** Connections per second the sandbox alone could serve (token + Patient per connection). */
export async function measureCeiling(sandbox: RunningSandbox): Promise<number> {
  const client = await postJson(`${sandbox.url}/oauth/register`, { client_name: "Ceiling", redirect_uris: ["https://bench.invalid/cb"], scope: "launch/patient patient/*.read offline_access" });
  const chains: LoadPlan["chains"] = [];
  for (let i = 1; i <= CONCURRENCY; i++) {
    const n = String(i).padStart(6, "0");
    const tokens = await postJson(`${sandbox.url}/oauth/debug/token`, { client_id: client.client_id, username: `user-${n}`, patient_id: `synthetic-${n}` });
    chains.push({ refreshToken: tokens.refresh_token ?? "", accessToken: tokens.access_token ?? "", patientId: `synthetic-${n}` });
  }
  const { token, patientRead } = await runSandboxLoad({
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
