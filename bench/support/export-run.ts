/**
 * Child process of the `export` benchmark, so each measurement has its own peak memory:
 *   export — one Bulk Data export of the whole study through the portal's runner (keyset pages,
 *            tagging, one file per type and version, checkpoints), as a research client's job;
 *   stream — the same stored resources read the same way (connection by connection, the export's
 *            own keyset reads) and written to one file as stored, with no formatting;
 *   scan   — the same stored resources read by a plain table scan in id order (plain SQL keyset
 *            pages of resourceJson) and written as stored: the database's own ceiling.
 * Prints one JSON line: wall and CPU seconds of the run, bytes written, peak RSS.
 */
import Database from "better-sqlite3";
import { open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";

const mode = process.argv[2];
const dir = process.env.BULK_EXPORT_DIR!;

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function folderBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function runExport() {
  const { createResearchClient } = await import("../../lib/data/research-clients");
  const { operator } = await import("../../lib/data/callers");
  const { queueExport } = await import("../../lib/data/bulk-exports");
  const { runWaitingExports, exportRunSettings } = await import("../../lib/bulk-export/runner");
  const { id: clientId } = await createResearchClient(operator("bench"), { name: "Benchmark", jwks: { keys: [] } });
  const caller = { kind: "research-client" as const, clientId, name: "Benchmark", scope: "system/*.read", readable: "*" as const };
  const queued = await queueExport(caller, { request: "bench", types: null, since: null, notes: [], transactionTime: new Date() }, 10);
  if (!queued.ok) throw new Error("not queued");
  const started = performance.now();
  const cpu = process.cpuUsage();
  await runWaitingExports(exportRunSettings());
  const seconds = (performance.now() - started) / 1000;
  return { seconds, cpuSeconds: cpuSecondsSince(cpu), bytesWritten: await folderBytes(join(dir, queued.id)) };
}

/** Lines appended to one file, a page at a time. */
async function pageWriter(path: string) {
  const file = await open(path, "w");
  let position = 0;
  return {
    async write(lines: string[]) {
      const buffer = Buffer.from(lines.join(""));
      await file.write(buffer, 0, buffer.length, position);
      position += buffer.length;
    },
    async close() {
      await file.datasync();
      await file.close();
      return position;
    },
  };
}

async function runStream() {
  const { exportConnectionsPage, exportResourcesPage } = await import("../../lib/data/bulk-export-resources");
  const job = {} as never;
  const out = await pageWriter(join(dir, "stream.ndjson"));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const until = new Date();
  let after = "";
  for (;;) {
    const connections = await exportConnectionsPage(job, after, 200);
    if (connections.length === 0) break;
    for (const c of connections) {
      let key: { resourceType: string; fhirId: string } | null = null;
      for (;;) {
        const rows = await exportResourcesPage(job, c.connectionId, { since: null, until, types: null }, key, 500);
        await out.write(rows.map((r) => `${r.resourceJson}\n`));
        if (rows.length < 500) break;
        key = rows.at(-1)!;
      }
      after = c.connectionId;
    }
  }
  const bytesWritten = await out.close();
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSecondsSince(cpu), bytesWritten };
}

async function runScan() {
  const db = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
  const page = db.prepare(`SELECT id, resourceJson FROM "FhirResource" WHERE id > ? ORDER BY id LIMIT 500`);
  const file = await open(join(dir, "scan.ndjson"), "w");
  const started = performance.now();
  const cpu = process.cpuUsage();
  let after = "";
  let position = 0;
  for (;;) {
    const rows = page.all(after) as { id: string; resourceJson: string }[];
    if (rows.length === 0) break;
    const buffer = Buffer.from(rows.map((r) => `${r.resourceJson}\n`).join(""));
    await file.write(buffer, 0, buffer.length, position);
    position += buffer.length;
    after = rows.at(-1)!.id;
  }
  await file.datasync();
  await file.close();
  db.close();
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSecondsSince(cpu), bytesWritten: position };
}

(mode === "export" ? runExport() : mode === "stream" ? runStream() : runScan())
  .then((result) => {
    console.log(JSON.stringify({ ...result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
