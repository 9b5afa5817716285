/**
 * Benchmark `export`: a FHIR Bulk Data export of a study of 1,000 participants × 200 stored
 * resources (Patient + 199 clinical resources each; two thirds from R4 servers, one third from
 * DSTU2), on SQLite, against streaming the same stored JSON from the database to a file with no
 * formatting: read the export's way (`stream`), and by a plain table scan (`scan`). Each run is
 * a child process, so its peak RSS is its own.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { patientResource, recordResource } from "../../lib/fhir/record-fixtures";
import { round } from "../support/stats";

const PARTICIPANTS = 1_000;
const RESOURCES_EACH = 200;
const DIR = "data/bench-export";
const RUNS = 5;

function migrate(file: string) {
  const root = "prisma/sqlite/migrations";
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  for (const d of readdirSync(root).filter((d) => !d.endsWith(".toml")).sort()) db.exec(readFileSync(join(root, d, "migration.sql"), "utf8"));
  return db;
}

/** Seeds the study with prepared statements in one transaction; returns the stored JSON's total bytes. */
function seed(db: Database.Database): number {
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  const now = Date.now();
  const at = iso(now - 3_600_000);
  db.prepare(`INSERT INTO "HealthSystem" (id, name, fhirBaseUrl, fhirVersion, authorizationEndpoint, tokenEndpoint, scope, updatedAt) VALUES (?,?,?,?,?,?,?,?)`).run("hs-r4", "R4 Hospital", "https://r4.example/fhir", "4.0.1", "https://r4.example/auth", "https://r4.example/token", "launch/patient", at);
  db.prepare(`INSERT INTO "HealthSystem" (id, name, fhirBaseUrl, fhirVersion, authorizationEndpoint, tokenEndpoint, scope, updatedAt) VALUES (?,?,?,?,?,?,?,?)`).run("hs-dstu2", "DSTU2 Hospital", "https://dstu2.example/fhir", "1.0.2", "https://dstu2.example/auth", "https://dstu2.example/token", "launch/patient", at);
  const participant = db.prepare(`INSERT INTO "Participant" (id, status, createdAt, updatedAt) VALUES (?, 'active', ?, ?)`);
  const connection = db.prepare(`INSERT INTO "Connection" (id, participantId, healthSystemId, patientId, status, connectedAt, createdAt, updatedAt) VALUES (?,?,?,?, 'connected', ?, ?, ?)`);
  const resource = db.prepare(
    `INSERT INTO "FhirResource" (id, connectionId, resourceType, fhirId, versionId, lastUpdated, contentHash, resourceJson, source, firstSeenAt, lastSeenAt, changedAt) VALUES (?,?,?,?,?,?,?,?, 'record', ?, ?, ?)`,
  );
  let bytes = 0;
  db.transaction(() => {
    for (let p = 0; p < PARTICIPANTS; p++) {
      const id = `p${String(p).padStart(6, "0")}`;
      const version = p % 3 === 2 ? "1.0.2" : "4.0.1";
      const patientId = `pat-${p}`;
      participant.run(id, at, at);
      connection.run(`c${id}`, id, version === "1.0.2" ? "hs-dstu2" : "hs-r4", patientId, at, at, at);
      const resources = [patientResource(version, patientId, `Family${p}`), ...Array.from({ length: RESOURCES_EACH - 1 }, (_, n) => recordResource(version, patientId, n))];
      resources.forEach((r, n) => {
        const json = JSON.stringify(r);
        bytes += Buffer.byteLength(json) + 1;
        const meta = r.meta as { versionId?: string; lastUpdated?: string } | undefined;
        resource.run(`r${id}${String(n).padStart(4, "0")}`, `c${id}`, r.resourceType, r.id, meta?.versionId ?? null, meta?.lastUpdated ?? null, createHash("sha256").update(json).digest("base64url"), json, at, at, at);
      });
    }
  })();
  db.exec("ANALYZE");
  return bytes;
}

type ChildResult = { seconds: number; cpuSeconds: number; bytesWritten: number; peakRssMb: number };

type Mode = "export" | "stream" | "scan";

function child(mode: Mode, databaseUrl: string, exportDir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/support/export-run.ts", mode], {
      env: { ...process.env, DATABASE_URL: databaseUrl, BULK_EXPORT_DIR: exportDir, NODE_ENV: "production", PORTAL_URL: "https://portal.example", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.on("error", reject);
    proc.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as ChildResult) : reject(new Error(`export-run ${mode} exited with ${code}`))));
  });
}

export async function run(): Promise<Record<string, number>> {
  process.env.AUTH_SECRET ??= "bench-only-secret-bench-only-secret-0000";
  process.env.TOKEN_ENCRYPTION_KEY ??= "b1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, "portal.db");
  const db = migrate(file);
  const seeded = performance.now();
  const storedBytes = seed(db);
  db.close();
  console.log(`  seeded ${PARTICIPANTS} participants × ${RESOURCES_EACH} resources (${round(storedBytes / 1e6)} MB of JSON) in ${Math.round(performance.now() - seeded)} ms`);
  const url = `file:./${file}`;
  const runs: Record<Mode, ChildResult[]> = { export: [], stream: [], scan: [] };
  // Alternate, five of each; the median of each is reported (the machine is shared).
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ["scan", "stream", "export"] as const) {
      const out = join(DIR, `${mode}-${i}`);
      mkdirSync(out, { recursive: true });
      const result = await child(mode, url, out);
      runs[mode].push(result);
      rmSync(out, { recursive: true, force: true });
      console.log(`  ${mode}: ${round(result.seconds, 2)} s (CPU ${round(result.cpuSeconds, 2)} s), ${round(result.bytesWritten / 1e6)} MB written, peak RSS ${result.peakRssMb} MB`);
    }
  }
  const mid = (list: ChildResult[], by: "seconds" | "cpuSeconds") => [...list].sort((a, b) => a[by] - b[by])[Math.floor(list.length / 2)]!;
  const figures = (mode: Mode) => {
    const wall = mid(runs[mode], "seconds");
    return { seconds: wall.seconds, mbPerSecond: wall.bytesWritten / 1e6 / wall.seconds, cpuSeconds: mid(runs[mode], "cpuSeconds").cpuSeconds, peakRssMb: Math.max(...runs[mode].map((r) => r.peakRssMb)) };
  };
  const [exp, stream, scan] = [figures("export"), figures("stream"), figures("scan")];
  return {
    participants: PARTICIPANTS,
    resources: PARTICIPANTS * RESOURCES_EACH,
    storedMb: round(storedBytes / 1e6),
    exportSeconds: round(exp.seconds, 2),
    exportMbPerSecond: round(exp.mbPerSecond),
    exportResourcesPerSecond: Math.round((PARTICIPANTS * RESOURCES_EACH) / exp.seconds),
    exportPeakRssMb: exp.peakRssMb,
    exportCpuSeconds: round(exp.cpuSeconds, 2),
    streamSeconds: round(stream.seconds, 2),
    streamMbPerSecond: round(stream.mbPerSecond),
    streamCpuSeconds: round(stream.cpuSeconds, 2),
    ratioToStream: round(stream.seconds / exp.seconds, 2),
    ratioToStreamCpu: round(stream.cpuSeconds / exp.cpuSeconds, 2),
    scanSeconds: round(scan.seconds, 2),
    scanMbPerSecond: round(scan.mbPerSecond),
    scanCpuSeconds: round(scan.cpuSeconds, 2),
    ratioToScan: round(scan.seconds / exp.seconds, 2),
    ratioToScanCpu: round(scan.cpuSeconds / exp.cpuSeconds, 2),
  };
}
