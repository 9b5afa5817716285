/** What the benchmarks' worker processes need: test-only secrets, loopback EHRs, a scratch database. */
import { rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { generateKey } from "../../lib/crypto/encryption";
import { migrateDatabase } from "../../scripts/lib/database";
import { round } from "./stats";

export function workerEnv(): Record<string, string> {
  const env = {
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? generateKey("bench1"),
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0",
    ALLOW_INSECURE_LOOPBACK_EHR: "1",
    NODE_ENV: "development",
  };
  Object.assign(process.env, env);
  return env;
}

/** A fresh, migrated SQLite file; `drop` deletes it. */
export async function scratchSqlite(name: string): Promise<{ url: string; drop: () => void }> {
  const file = join(tmpdir(), `bench-${name}-${process.pid}-${Date.now()}.db`);
  const url = `file:${file}`;
  await migrateDatabase(url);
  return { url, drop: () => ["", "-wal", "-shm"].forEach((suffix) => rmSync(file + suffix, { force: true })) };
}

/** The machine's 1-minute load average (two cores shared with other work: figures move with it). */
export const loadAverage = () => round(loadavg()[0]!, 1);

type Traffic = { total: number; maxPerSecond: number; perSecond: Record<string, number> };
export type SandboxStats = { requestsAllClients: Traffic; fhirRequestsByType: Record<string, number>; tokenRequests: Record<string, number> };

export async function sandboxStats(url: string): Promise<SandboxStats> {
  return (await (await fetch(`${url}/_sandbox/stats`)).json()) as SandboxStats;
}

export async function resetSandboxStats(url: string): Promise<void> {
  await fetch(`${url}/_sandbox/stats/reset`, { method: "POST" });
}

export async function addFault(url: string, fault: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${url}/_sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
  if (!res.ok) throw new Error(`fault refused: HTTP ${res.status} ${await res.text()}`);
}
