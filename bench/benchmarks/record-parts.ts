/** The `record` benchmark's bulk passes (record.ts runs them; the first sync is record-first.ts); see record.ts for the figures. */
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { REFERENCED_TYPES, US_CORE_TYPES } from "../../sandbox/fhir/types";
import { createDb } from "../../lib/db/client";
import { loadAverage, resetSandboxStats, sandboxStats, scratchSqlite, workerEnv } from "../support/bench-env";
import { cpuProfileArgs, runGenerator } from "../support/generator-process";
import { runPass } from "../support/pass-runner";
import type { PullPlan } from "../support/plain-pull";
import { round } from "../support/stats";
import { seedConnections } from "./sync-seed";

const pad = (n: number) => String(n).padStart(6, "0");
type Figures = Record<string, number>;

/** The measured connections' patients (synthetic-000001 to synthetic-<connections>) and the warm-up ones after them. */
const patientsOf = (connections: number) => ({ measured: { lte: `synthetic-${pad(connections)}` }, warmUp: { gt: `synthetic-${pad(connections)}` } });

/** Resources of the measured connections: held, and created, changed or removed since `since`. */
async function storedSince(url: string, since: Date, connections: number): Promise<{ held: number; written: number }> {
  const db = createDb(url);
  try {
    const measured = { connection: { patientId: patientsOf(connections).measured } };
    const held = await db.fhirResource.count({ where: { ...measured, removedAt: null } });
    const written = await db.fhirResource.count({ where: { ...measured, OR: [{ changedAt: { gte: since } }, { firstSeenAt: { gte: since } }, { removedAt: { gte: since } }] } });
    return { held, written };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Connections synced (and patients pulled by the plain generator) before each timed first pass,
 * untimed: a running worker has synced before, so its code is compiled and its caches filled. In a
 * fresh process, V8's optimising compiler took 16–18% of the first seconds' CPU (its helper
 * threads), falling to 2–3% ten seconds in; 200 connections × 200 resources are about 3 s of a pass.
 * The plain generator warms up on the same patients, so both sides are measured warm.
 */
const WARM_UP = 200;

/** Makes one group due now and the other not due for a day: the warm-up connections or the measured ones. */
async function dueOnly(url: string, connections: number, group: "warm-up" | "measured"): Promise<void> {
  const db = createDb(url);
  try {
    const { measured, warmUp } = patientsOf(connections);
    const later = new Date(Date.now() + 86_400_000);
    await db.connection.updateMany({ where: { patientId: group === "measured" ? warmUp : measured }, data: { lastSyncAt: later } });
    await db.connection.updateMany({ where: { patientId: group === "measured" ? measured : warmUp }, data: { lastSyncAt: null } });
  } finally {
    await db.$disconnect();
  }
}

function plainPull(plan: PullPlan): Promise<{ requests: number; resources: number; errors: number; cpuMs: number; systemMs: number }> {
  return runGenerator("bench/support/plain-pull.ts", plan, cpuProfileArgs());
}

/** CPU milliseconds spread over `resources`, in µs each. */
const usPerResource = (ms: number, resources: number) => round((ms * 1000) / Math.max(1, resources), 1);

/** One first pass over fresh connections and the plain generator over the same patients: the CPU figures of one run. */
type FirstRun = { figures: Figures; ratio: number };

/**
 * 1,000 connections × 200 resources on SQLite: `repeats` first passes (each on a fresh sandbox and
 * database, after an untimed warm-up pass over WARM_UP other connections) with the plain generator
 * after each (warmed up on the same other patients); the run of median cpuRatio gives the CPU figures
 * (two shared cores: one run's ratio moved by ±15% here), peakRssMb is the largest. Then, on the
 * last run's database, a pass with nothing changed.
 */
export async function bulkPasses(connections: number, repeats = 3): Promise<Figures> {
  const runs: FirstRun[] = [];
  let noChange: Figures = {};
  for (let run = 1; run <= repeats; run++) {
    const sandbox = await startSandbox({ port: 0, quiet: true, syntheticPatients: connections + WARM_UP, recordSize: Number(process.env.RECORD_BENCH_SIZE ?? 200) });
    const db = await scratchSqlite("record-bulk");
    try {
      const env = { ...workerEnv(), DATABASE_URL: db.url };
      const seeded = await seedConnections(sandbox, db.url, connections + WARM_UP, { profile: "smart-v2" });
      runs.push(await firstRun(sandbox, seeded, env, db.url, connections));
      if (run === repeats) noChange = await noChangePass(sandbox, env, db.url, connections);
    } finally {
      db.drop();
      await sandbox.close();
    }
  }
  const ratios = runs.map((r) => r.ratio).sort((a, b) => a - b);
  const middle = runs.find((r) => r.ratio === ratios[Math.floor((ratios.length - 1) / 2)])!;
  return {
    ...middle.figures,
    peakRssMb: Math.max(...runs.map((r) => r.figures.peakRssMb!)),
    cpuRatioRuns: runs.length,
    cpuRatioLowest: ratios[0]!,
    cpuRatioHighest: ratios.at(-1)!,
    ...noChange,
  };
}

async function firstRun(sandbox: RunningSandbox, seeded: { clientId: string; clientSecret: string }, env: Record<string, string>, dbUrl: string, connections: number): Promise<FirstRun> {
  await dueOnly(dbUrl, connections, "warm-up");
  const first = await runPass(env, {
    afterWarmUp: async () => {
      await dueOnly(dbUrl, connections, "measured");
      await resetSandboxStats(sandbox.url);
    },
  });
  const firstRequests = (await sandboxStats(sandbox.url)).requestsAllClients.total;
  const afterFirst = await storedSince(dbUrl, new Date(0), connections);
  const figures: Figures = {
    connections,
    warmUpConnections: WARM_UP,
    firstPassSeconds: round(first.summary.seconds, 1),
    firstPassSynced: first.summary.synced,
    firstPassResourcesStored: afterFirst.held,
    workerCpuUsPerResource: usPerResource(first.cpuMs, afterFirst.held),
    workerSystemUsPerResource: usPerResource(first.systemMs, afterFirst.held),
    firstPassRequestsPerConnection: round(firstRequests / connections, 1),
    peakRssMb: first.peakRssMb,
    firstPassLoadAverage1m: loadAverage(),
  };
  const patients: PullPlan["patients"] = [];
  for (let n = 1; n <= connections + WARM_UP; n++) {
    const res = await fetch(`${sandbox.url}/oauth/debug/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_id: seeded.clientId, username: `user-${pad(n)}`, patient_id: `synthetic-${pad(n)}` }) });
    patients.push({ patientId: `synthetic-${pad(n)}`, refreshToken: ((await res.json()) as { refresh_token: string }).refresh_token });
  }
  const plain = await plainPull({
    tokenUrl: `${sandbox.url}/v2/oauth/token`, fhirBase: sandbox.v2FhirBase, clientId: seeded.clientId, clientSecret: seeded.clientSecret,
    patients: patients.slice(0, connections), warmUpPatients: patients.slice(connections),
    types: [...US_CORE_TYPES], categories: ["laboratory", "vital-signs", "social-history", "survey", "exam"], referenceTypes: [...REFERENCED_TYPES], concurrency: 8,
  });
  figures.plainCpuUsPerResource = usPerResource(plain.cpuMs, plain.resources);
  figures.plainSystemUsPerResource = usPerResource(plain.systemMs, plain.resources);
  figures.plainResources = plain.resources;
  figures.plainErrors = plain.errors;
  figures.plainRequestsPerConnection = round(plain.requests / connections, 1);
  figures.cpuRatio = round(figures.workerCpuUsPerResource! / figures.plainCpuUsPerResource, 2);
  return { figures, ratio: figures.cpuRatio };
}

/** A second pass over the same connections with nothing changed at the sandbox: it writes nothing. */
async function noChangePass(sandbox: RunningSandbox, env: Record<string, string>, dbUrl: string, connections: number): Promise<Figures> {
  await resetSandboxStats(sandbox.url);
  const since = new Date();
  const second = await runPass(env);
  const stats = await sandboxStats(sandbox.url);
  const written = (second.summary.resourcesWritten ?? {}) as Record<string, number>;
  return {
    noChangeSeconds: round(second.summary.seconds, 1),
    noChangeWrites: (await storedSince(dbUrl, since, connections)).written,
    noChangeResourcesWrittenReported: Object.values(written).reduce((a, b) => a + b, 0),
    requestsPerConnectionNoChange: round(stats.requestsAllClients.total / connections, 1),
    noChangeLoadAverage1m: loadAverage(),
  };
}
