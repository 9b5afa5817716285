/**
 * Benchmark `sync`: one sync pass (token refresh, then the whole record the grant allows) over
 * CONNECTIONS synthetic connections against the sandbox, run by `scripts/sync.ts --once --all`
 * child processes: SQLite with one worker, PostgreSQL with one and with two workers. The sandbox
 * runs in this process. The ceiling is the sandbox alone: refresh grants and Patient reads from
 * the plain load generator (sandbox/bench/load.ts, concurrency 32); one connection needs one of
 * each, so ceilingPerSecond = 1 / (1/tokenRps + 1/patientReadRps). The ratio to that ceiling is
 * kept for information only: its target is retired, as it measured how the processes share two
 * cores (docs/SYNC.md). The target is latencyBoundRatio (sync-latency.ts).
 * SYNC_BENCH_PARTS=ceiling,latency picks parts (figures of parts not run are kept from the last results).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { generateKey } from "../../lib/crypto/encryption";
import { migrateDatabase } from "../../scripts/lib/database";
import { round } from "../support/stats";
import { measureCeiling } from "./sync-ceiling";
import { measureLatencyBound } from "./sync-latency";
import { seedConnections } from "./sync-seed";

/** A pass over 10,000 connections, as the issue asks; SYNC_BENCH_CONNECTIONS sets another size. */
export const CONNECTIONS = Number(process.env.SYNC_BENCH_CONNECTIONS ?? 10_000);
/** As many requests in flight as the ceiling's load generator keeps (sync-ceiling.ts). */
const CONCURRENCY_PER_EHR = 32;

type PassJson = { done: number; synced: number; failed: number; needsReconnect: number; seconds: number; peakRssMb: number };

function syncOnce(env: Record<string, string>): Promise<PassJson> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/sync.ts", "--once", "--all", "--json"], {
      env: { ...process.env, ...env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}")) : reject(new Error(`sync exited with ${code}`))));
  });
}

async function measure(sandbox: RunningSandbox, databaseUrl: string, workers: number, env: Record<string, string>) {
  await migrateDatabase(databaseUrl);
  await seedConnections(sandbox, databaseUrl, CONNECTIONS, { maxRequestsInFlight: CONCURRENCY_PER_EHR });
  const started = performance.now();
  const passes = await Promise.all(Array.from({ length: workers }, () => syncOnce({ ...env, DATABASE_URL: databaseUrl })));
  const wallSeconds = (performance.now() - started) / 1000;
  const synced = passes.reduce((n, p) => n + p.synced, 0);
  if (synced !== CONNECTIONS) throw new Error(`synced ${synced} of ${CONNECTIONS} (failed ${passes.map((p) => p.failed).join("+")})`);
  // The pass's own time (process start-up excluded); with two workers, the slower one's.
  const seconds = Math.max(...passes.map((p) => p.seconds));
  return { perSecond: CONNECTIONS / seconds, peakRssMb: Math.max(...passes.map((p) => p.peakRssMb)), wallSeconds };
}

export async function run(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 0, quiet: true, syntheticPatients: CONNECTIONS });
  const env = {
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? generateKey("bench1"),
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0",
    SYNC_CONCURRENCY_PER_EHR: String(CONCURRENCY_PER_EHR),
    ALLOW_INSECURE_LOOPBACK_EHR: "1",
    NODE_ENV: "development",
  };
  Object.assign(process.env, env);
  const parts = (process.env.SYNC_BENCH_PARTS ?? "ceiling,latency").split(",");
  const previous = existsSync("bench/results.json") ? ((JSON.parse(readFileSync("bench/results.json", "utf8")) as { benchmarks: Record<string, Record<string, number>> }).benchmarks.sync ?? {}) : {};
  const figures: Record<string, number> = { ...previous, connections: CONNECTIONS };
  try {
    if (parts.includes("latency")) Object.assign(figures, await measureLatencyBound(sandbox, CONNECTIONS));
    if (!parts.includes("ceiling")) return figures;
    const ceiling = await measureCeiling(sandbox);
    const record = (suffix: string, m: { perSecond: number; peakRssMb: number }) => {
      figures[`connectionsPerSecond${suffix}`] = round(m.perSecond);
      figures[`ratioToCeiling${suffix}`] = round(m.perSecond / ceiling, 3);
      figures[`peakRssMb${suffix}`] = m.peakRssMb;
    };
    figures.ceilingPerSecond = round(ceiling);
    const file = join(tmpdir(), `bench-sync-${process.pid}.db`);
    try {
      record("", await measure(sandbox, `file:${file}`, 1, env));
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
    const server = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
    for (const workers of [1, 2]) {
      const name = `bench_sync_${process.pid}_${workers}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(server);
      url.pathname = `/${name}`;
      try {
        record(`_postgres_${workers}worker${workers > 1 ? "s" : ""}`, await measure(sandbox, url.toString(), workers, env));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
    return figures;
  } finally {
    await sandbox.close();
  }
}
