/**
 * The `sync` benchmark's latencyBoundRatio: a Patient-only pass (the grant's scope names the
 * Patient alone) over the connections with every sandbox response 50 ms late and 32 requests in
 * flight (the health system's maxRequestsInFlight), on SQLite. With R requests per connection (the
 * sandbox counts them: token + Patient, and whatever else the pass asks), no pass can beat
 * 32 ÷ (R × 50 ms) connections a second; the ratio is the pass's rate over that. Target ≥ 0.9.
 * The CPU-bound ceiling (sync-ceiling.ts) measured how the sandbox, the worker and the database
 * share two cores; this bound depends on the EHR's latency and the in-flight limit alone.
 */
import type { RunningSandbox } from "../../sandbox/server";
import { addFault, loadAverage, resetSandboxStats, sandboxStats, scratchSqlite, workerEnv } from "../support/bench-env";
import { runPass } from "../support/pass-runner";
import { round } from "../support/stats";
import { seedConnections } from "./sync-seed";

const LATENCY_MS = 50;
const IN_FLIGHT = 32;

export async function measureLatencyBound(sandbox: RunningSandbox, connections: number): Promise<Record<string, number>> {
  const db = await scratchSqlite("sync-latency");
  try {
    const env = { ...workerEnv(), DATABASE_URL: db.url, SYNC_CONCURRENCY_PER_EHR: String(IN_FLIGHT) };
    await seedConnections(sandbox, db.url, connections, { scope: "launch/patient patient/Patient.read offline_access", maxRequestsInFlight: IN_FLIGHT });
    await addFault(sandbox.url, { target: "all", mode: "latency", latencyMs: LATENCY_MS });
    await resetSandboxStats(sandbox.url);
    const pass = await runPass(env);
    const requests = (await sandboxStats(sandbox.url)).requestsAllClients.total;
    if (pass.summary.synced !== connections) throw new Error(`synced ${pass.summary.synced} of ${connections} (failed ${pass.summary.failed})`);
    const requestsPerConnection = requests / connections;
    const bound = IN_FLIGHT / ((requestsPerConnection * LATENCY_MS) / 1000);
    const perSecond = connections / pass.summary.seconds;
    return {
      latencyPassConnectionsPerSecond: round(perSecond),
      latencyRequestsPerConnection: round(requestsPerConnection, 2),
      latencyBoundPerSecond: round(bound),
      latencyBoundRatio: round(perSecond / bound, 3),
      // The worker's CPU (user + system, all its threads) per synced connection: on two shared
      // cores, what the worker takes is what the sandbox and the database do not get.
      latencyWorkerCpuMsPerConnection: round(pass.cpuMs / connections, 3),
      latencyLoadAverage1m: loadAverage(),
    };
  } finally {
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: "DELETE" });
    db.drop();
  }
}
