/** The `record` benchmark's bulk passes (record.ts runs them; the first sync is record-first.ts); see record.ts for the figures. */
import { spawn } from "node:child_process";
import { startSandbox } from "../../sandbox/server";
import { REFERENCED_TYPES, US_CORE_TYPES } from "../../sandbox/fhir/types";
import { createDb } from "../../lib/db/client";
import { loadAverage, resetSandboxStats, sandboxStats, scratchSqlite, workerEnv } from "../support/bench-env";
import { runPass } from "../support/pass-runner";
import type { PullPlan } from "../support/plain-pull";
import { round } from "../support/stats";
import { seedConnections } from "./sync-seed";

const pad = (n: number) => String(n).padStart(6, "0");
type Figures = Record<string, number>;

async function storedSince(url: string, since: Date): Promise<{ held: number; written: number }> {
  const db = createDb(url);
  try {
    const held = await db.fhirResource.count({ where: { removedAt: null } });
    const written = await db.fhirResource.count({ where: { OR: [{ changedAt: { gte: since } }, { firstSeenAt: { gte: since } }, { removedAt: { gte: since } }] } });
    return { held, written };
  } finally {
    await db.$disconnect();
  }
}

function plainPull(plan: PullPlan): Promise<{ requests: number; resources: number; errors: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, "--import", "tsx", "bench/support/plain-pull.ts", JSON.stringify(plan)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`plain-pull exited with ${code}`))));
  });
}

/** 1,000 connections × 200 resources on SQLite: a first pass (CPU, memory), the plain generator, then a pass with nothing changed. */
export async function bulkPasses(connections: number): Promise<Figures> {
  const sandbox = await startSandbox({ port: 0, quiet: true, syntheticPatients: connections, recordSize: 200 });
  const db = await scratchSqlite("record-bulk");
  try {
    const env = { ...workerEnv(), DATABASE_URL: db.url };
    const seeded = await seedConnections(sandbox, db.url, connections, { profile: "smart-v2" });
    const first = await runPass(env);
    const afterFirst = await storedSince(db.url, new Date(0));
    const figures: Figures = {
      connections,
      firstPassSeconds: round(first.summary.seconds, 1),
      firstPassSynced: first.summary.synced,
      firstPassResourcesStored: afterFirst.held,
      workerCpuUsPerResource: round((first.cpuMs * 1000) / Math.max(1, afterFirst.held), 1),
      peakRssMb: first.peakRssMb,
      firstPassLoadAverage1m: loadAverage(),
    };
    const patients: PullPlan["patients"] = [];
    for (let n = 1; n <= connections; n++) {
      const res = await fetch(`${sandbox.url}/oauth/debug/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_id: seeded.clientId, username: `user-${pad(n)}`, patient_id: `synthetic-${pad(n)}` }) });
      patients.push({ patientId: `synthetic-${pad(n)}`, refreshToken: ((await res.json()) as { refresh_token: string }).refresh_token });
    }
    const plain = await plainPull({
      tokenUrl: `${sandbox.url}/v2/oauth/token`, fhirBase: sandbox.v2FhirBase, clientId: seeded.clientId, clientSecret: seeded.clientSecret, patients,
      types: [...US_CORE_TYPES], categories: ["laboratory", "vital-signs", "social-history", "survey", "exam"], referenceTypes: [...REFERENCED_TYPES], concurrency: 8,
    });
    figures.plainCpuUsPerResource = round((plain.cpuMs * 1000) / Math.max(1, plain.resources), 1);
    figures.plainResources = plain.resources;
    figures.plainErrors = plain.errors;
    figures.cpuRatio = round(figures.workerCpuUsPerResource! / figures.plainCpuUsPerResource, 2);
    await resetSandboxStats(sandbox.url);
    const since = new Date();
    const second = await runPass(env);
    const stats = await sandboxStats(sandbox.url);
    const written = (second.summary.resourcesWritten ?? {}) as Record<string, number>;
    figures.noChangeSeconds = round(second.summary.seconds, 1);
    figures.noChangeWrites = (await storedSince(db.url, since)).written;
    figures.noChangeResourcesWrittenReported = Object.values(written).reduce((a, b) => a + b, 0);
    figures.requestsPerConnectionNoChange = round(stats.requestsAllClients.total / connections, 1);
    figures.noChangeLoadAverage1m = loadAverage();
    return figures;
  } finally {
    db.drop();
    await sandbox.close();
  }
}
