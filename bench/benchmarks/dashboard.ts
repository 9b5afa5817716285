/**
 * Benchmark `dashboard`: server time of the staff dashboard's data-layer queries at 1,000, 10,000
 * and 100,000 participants on SQLite: the first page of the participant table, and a search for
 * a name in either order ("maria garcia", "Garcia, Maria", through the SearchToken index), and the
 * four questions' tiles. Also counts the SQL queries per page (Prisma query events) at two page
 * sizes and every participant count. Then, over HTTP against the built portal: a participant's
 * page whose record holds 2,000 resources (recordPageP50Ms).
 */
import Database from "better-sqlite3";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { patientSearchTokens, tokensOf } from "../../lib/dashboard/search-tokens";
import { recordPageFigures } from "../support/record-page";
import { percentile, round } from "../support/stats";

process.env.AUTH_SECRET ??= "bench-only-secret-bench-only-secret-0000";
process.env.TOKEN_ENCRYPTION_KEY ??= "b1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
process.env.LOG_LEVEL = "silent";

const SIZES = [1_000, 10_000, 100_000] as const;
const RUNS = 40;
const DIR = "data/bench-dashboard";
const FAMILIES = ["Adams", "Baker", "Carter", "Garcia", "Nguyen", "Okafor", "Ross", "Smith", "Müller", "O'Brien", "Zöllner", "Kowalski"];
const GIVEN = ["Ann", "Daniel", "Joseph", "Maria", "Wei", "Amara", "Lucía", "Sam", "Priya", "Oskar"];
const STATES = [["Tulsa", "OK"], ["Boston", "MA"], ["Austin", "TX"], ["Denver", "CO"]] as const;

function migrate(file: string) {
  const root = "prisma/sqlite/migrations";
  const db = new Database(file);
  for (const dir of readdirSync(root).filter((d) => !d.endsWith(".toml")).sort()) db.exec(readFileSync(join(root, dir, "migration.sql"), "utf8"));
  return db;
}

/** Seeds `n` participants, each with a connection and a snapshot, with multi-row INSERTs in one transaction. */
function seed(db: Database.Database, n: number) {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  db.exec(`INSERT INTO "HealthSystem" (id, name, fhirBaseUrl, authorizationEndpoint, tokenEndpoint, scope, updatedAt) VALUES
    ('hs-a','Hospital A','https://a.example/fhir','https://a.example/auth','https://a.example/token','launch/patient',${q(iso(now))}),
    ('hs-b','Hospital B','https://b.example/fhir','https://b.example/auth','https://b.example/token','launch/patient',${q(iso(now))})`);
  const BATCH = 500;
  db.transaction(() => {
    for (let start = 0; start < n; start += BATCH) {
      const p: string[] = [], c: string[] = [], s: string[] = [], t: string[] = [];
      for (let i = start; i < Math.min(n, start + BATCH); i++) {
        const id = `p${String(i).padStart(9, "0")}`;
        const created = iso(now - (n - i) * 60_000 * (400 * 24 * 60 / n));
        const status = i % 20 === 0 ? "withdrawn" : i % 7 === 0 ? "needs_reconnect" : "connected";
        const name = `${GIVEN[i % GIVEN.length]} ${FAMILIES[(i * 7) % FAMILIES.length]}`;
        const [city, state] = STATES[i % STATES.length]!;
        const patientId = `pat-${i}`;
        const studyId = `P-${String(i).padStart(8, "0").slice(0, 4)}-${String(i).padStart(8, "0").slice(4)}`;
        const [given = "", family = ""] = name.split(" ");
        const patient = { resourceType: "Patient" as const, id: patientId, name: [{ family, given: [given] }], identifier: [{ type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] }, value: `MRN${1_000_000 + i}` }] };
        const recordTokens = patientSearchTokens(patient);
        p.push(`(${q(id)},${q(studyId)},${q(status === "withdrawn" ? "withdrawn" : "active")},${q(created)},${q(created)})`);
        c.push(`(${q(`c${id}`)},${q(id)},${q(i % 3 ? "hs-a" : "hs-b")},${q(patientId)},${q(status)},${q(created)},${q(created)},${q(created)},${q(created)})`);
        s.push(`(${q(`s${id}`)},${q(`c${id}`)},${q(JSON.stringify(patient))},${q(name)},${q(recordTokens.join(" "))},'female','1970-01-01',${q(city)},${q(state)},${q(created)})`);
        for (const token of recordTokens) t.push(`(${q(randomUUID())},${q(`c${id}`)},${q(token)},'record')`);
        for (const token of tokensOf([studyId, patientId])) t.push(`(${q(randomUUID())},${q(`c${id}`)},${q(token)},'ids')`);
      }
      db.exec(`INSERT INTO "Participant" (id, studyId, status, createdAt, updatedAt) VALUES ${p.join(",")}`);
      db.exec(`INSERT INTO "Connection" (id, participantId, healthSystemId, patientId, status, connectedAt, lastSyncAt, createdAt, updatedAt) VALUES ${c.join(",")}`);
      db.exec(`INSERT INTO "PatientSnapshot" (id, connectionId, resourceJson, displayName, searchText, gender, birthDate, city, state, fetchedAt) VALUES ${s.join(",")}`);
      db.exec(`INSERT INTO "SearchToken" (id, connectionId, token, source) VALUES ${t.join(",")}`);
    }
  })();
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 15; i++) await fn(); // warm-up: the WASM query compiler and the page cache
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return { p50: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2) };
}

export async function run(): Promise<Record<string, number>> {
  const { PrismaClient } = await import("../../lib/db/generated/sqlite/client");
  const { sqliteAdapter } = await import("../../lib/db/adapters");
  const { listParticipants } = await import("../../lib/data/dashboard-participants");
  const { getDashboardTiles } = await import("../../lib/data/dashboard-tiles");
  const { parseParticipantQuery } = await import("../../lib/dashboard/query");
  const staff = { id: "bench", email: "bench@example.org", role: "admin" as const };
  const figures: Record<string, number> = {};
  const queriesSeen = new Set<number>();
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  for (const n of SIZES) {
    const file = join(DIR, `portal-${n}.db`);
    const raw = migrate(file);
    const seeded = performance.now();
    seed(raw, n);
    raw.close();
    console.log(`  seeded ${n} participants in ${Math.round(performance.now() - seeded)} ms`);
    const client = new PrismaClient({ adapter: sqliteAdapter(`file:${file}`), log: [{ emit: "event", level: "query" }] });
    let queries = 0;
    client.$on("query", () => (queries += 1));
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    // The data layer reads the process-wide client (lib/db); point it at this file.
    (globalThis as { portalDb?: unknown }).portalDb = { db: client, ready: Promise.resolve() };
    const firstPage = parseParticipantQuery({});
    // A name in either order, with and without a comma (the searches staff type).
    const searches = ["maria garcia", "Garcia, Maria", "oskar o'brien", "O'Brien, Oskar"].map((q) => parseParticipantQuery({ q }));
    let next = 0;
    const label = n >= 1000 ? `${n / 1000}k` : String(n);
    const found = await listParticipants(staff, searches[0]!);
    if (found.total === 0) throw new Error("the search found nothing: the seed and the search disagree");
    const first = await time(() => listParticipants(staff, firstPage));
    const search = await time(() => listParticipants(staff, searches[next++ % searches.length]!));
    const tiles = await time(() => getDashboardTiles(staff));
    figures[`firstPageP50Ms_${label}`] = first.p50;
    figures[`firstPageP95Ms_${label}`] = first.p95;
    figures[`searchP50Ms_${label}`] = search.p50;
    figures[`searchP95Ms_${label}`] = search.p95;
    figures[`tilesP50Ms_${label}`] = tiles.p50;
    for (const size of ["25", "100"]) {
      queries = 0;
      await listParticipants(staff, parseParticipantQuery({ size }));
      queriesSeen.add(queries);
      figures[`queriesPerPage_size${size}_${label}`] = queries;
    }
    await client.$disconnect();
  }
  figures.queriesPerPage = Math.max(...queriesSeen);
  figures.queriesPerPageConstant = queriesSeen.size === 1 ? 1 : 0;
  figures.ratio100kTo1k = round(figures.firstPageP50Ms_100k! / figures.firstPageP50Ms_1k!, 2);
  return { ...figures, ...(await recordPageFigures({ resources: 2_000, runs: 40 })) };
}
