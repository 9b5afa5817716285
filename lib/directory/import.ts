import "server-only";
import { endDirectoryImport, inactivateVanished, reportImportProgress, startDirectoryImport, writeDirectoryBatch, type ImportRun, type WriteCounts } from "../data/directory-import";
import type { DirectoryActor } from "../data/directory-actor";
import { rebuildSourceIndex, rebuildWordList } from "../data/directory-index";
import { ehrUrlPolicy } from "../health-systems/policy";
import { StreamError } from "../ehr-http";
import { log } from "../log";
import { readEntry, type DirectoryRecord } from "./bundle-entries";
import { scanBundle, type ScanProblem } from "./bundle-scanner";
import { openBundle } from "./bundle-source";
import { storeLogos, type LogoCounts } from "./logos";

/**
 * `npm run directory:import` and the dashboard's import: reads a User-access Brands bundle as a
 * stream, validates every entry, writes them in batches (idempotent), marks what vanished as
 * inactive, rebuilds the search index for what changed, stores the logos, and returns a summary.
 */
export type ImportSummary = {
  vendor: string;
  location: string;
  status: "finished" | "failed";
  message: string;
  bytes: number;
  entries: number;
  brands: { added: number; updated: number; unchanged: number; inactivated: number; duplicates: number };
  endpoints: { added: number; updated: number; unchanged: number; inactivated: number; duplicates: number };
  skipped: number;
  skippedReasons: Record<string, number>;
  searchable: number;
  logos: LogoCounts;
  seconds: number;
};

export type ImportProgress = { phase: "reading" | "indexing" | "logos"; bytesRead: number; bytesTotal: number | null; entries: number };

/** Entries per transaction: fewer, larger commits write far less to SQLite's log. */
const BATCH = 2500;
const PROBLEMS: Record<ScanProblem, string> = {
  "not-json": "The file is not JSON (a User-access Brands bundle is a JSON FHIR Bundle).",
  "not-an-object": "The file is a JSON list, not a FHIR Bundle.",
  truncated: "The file ends in the middle: it was cut short (download it again).",
  "too-deep": "The file is nested too deeply to be a FHIR Bundle.",
};

export async function importDirectory(
  actor: DirectoryActor,
  { fileOrUrl, vendor, onProgress, onStarted }: { fileOrUrl: string; vendor?: string; onProgress?: (p: ImportProgress) => void; onStarted?: (importId: string) => void },
): Promise<{ ok: true; summary: ImportSummary } | { ok: false; message: string }> {
  const started = Date.now();
  const source = await openBundle(fileOrUrl);
  if (!source.ok) return source;
  const vendorName = normalizeVendor(vendor ?? source.defaultVendor);
  if (!vendorName) return { ok: false, message: "Give the vendor's name with --vendor (letters, digits, dots and dashes)." };
  const begun = await startDirectoryImport(actor, { vendor: vendorName, location: source.location, bytesTotal: source.bytesTotal });
  if (!begun.ok) return begun;
  const run = begun.run;
  onStarted?.(run.importId);
  const summary: ImportSummary = {
    vendor: vendorName,
    location: source.location,
    status: "finished",
    message: "",
    bytes: 0,
    entries: 0,
    brands: { added: 0, updated: 0, unchanged: 0, inactivated: 0, duplicates: 0 },
    endpoints: { added: 0, updated: 0, unchanged: 0, inactivated: 0, duplicates: 0 },
    skipped: 0,
    skippedReasons: {},
    searchable: 0,
    logos: { stored: 0, reused: 0, refused: 0, reasons: {} },
    seconds: 0,
  };
  const progress = async (phase: ImportProgress["phase"]) => {
    onProgress?.({ phase, bytesRead: summary.bytes, bytesTotal: source.bytesTotal, entries: summary.entries });
    await reportImportProgress(run.importId, { bytesRead: summary.bytes, entries: summary.entries, message: phase });
  };
  try {
    const problem = await readAndWrite(run, source.body, summary, progress);
    const seenAny = summary.brands.added + summary.brands.updated + summary.brands.unchanged + summary.endpoints.added + summary.endpoints.updated + summary.endpoints.unchanged > 0;
    if (problem) {
      summary.status = "failed";
      summary.message = `${problem} Entries read before the problem were kept; nothing was marked inactive.`;
    } else if (!seenAny) {
      summary.status = "failed";
      summary.message = "The bundle has no usable brand or endpoint; nothing was changed or marked inactive.";
    } else {
      const gone = await inactivateVanished(run, { brands: summary.brands.added + summary.brands.updated + summary.brands.unchanged > 0, endpoints: summary.endpoints.added + summary.endpoints.updated + summary.endpoints.unchanged > 0 });
      summary.brands.inactivated = gone.brands;
      summary.endpoints.inactivated = gone.endpoints;
    }
    await progress("indexing");
    summary.searchable = (await rebuildSourceIndex(run, () => progress("indexing"))).searchable;
    await rebuildWordList();
    await progress("logos");
    summary.logos = await storeLogos(run, () => progress("logos"));
    summary.seconds = Math.round((Date.now() - started) / 100) / 10;
    if (summary.status === "finished") summary.message = `Imported ${summary.searchable} searchable brands from ${source.location}.`;
    await endDirectoryImport(run.importId, { status: summary.status, message: summary.message, summary });
    log.info("directory.imported", { vendor: vendorName, status: summary.status, entries: summary.entries, skipped: summary.skipped, seconds: summary.seconds });
    return { ok: true, summary };
  } catch (error) {
    const message = `The import stopped unexpectedly: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}. Entries written so far were kept.`;
    log.error("directory.import_failed", { vendor: vendorName, error: error instanceof Error ? error.message : String(error) });
    await endDirectoryImport(run.importId, { status: "failed", message, summary }).catch(() => undefined);
    return { ok: false, message };
  }
}

async function readAndWrite(run: ImportRun, body: AsyncIterable<Uint8Array>, summary: ImportSummary, progress: (phase: "reading") => Promise<void>): Promise<string | null> {
  const policy = ehrUrlPolicy();
  let batch: DirectoryRecord[] = [];
  const skip = (reason: string) => {
    summary.skipped += 1;
    if (Object.keys(summary.skippedReasons).length < 50 || reason in summary.skippedReasons) summary.skippedReasons[reason] = (summary.skippedReasons[reason] ?? 0) + 1;
  };
  const flush = async () => {
    if (batch.length === 0) return;
    add(summary, await writeDirectoryBatch(run, batch));
    batch = [];
    await progress("reading");
  };
  const counted = countBytes(body, (n) => (summary.bytes += n));
  try {
    for await (const event of scanBundle(counted)) {
      if (event.kind === "error") return PROBLEMS[event.problem];
      if (event.kind === "header") {
        if (event.field === "resourceType" && event.value !== "Bundle") return `The file is a FHIR ${event.value.slice(0, 40)}, not a Bundle.`;
        continue;
      }
      summary.entries += 1;
      if (event.kind === "bad-entry") {
        skip(event.reason === "too-large" ? "entry is larger than 1 MB" : "entry is not a JSON object");
        continue;
      }
      const outcome = readEntry(event.text, policy);
      outcome.skipped.forEach(skip);
      batch.push(...outcome.records);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    return null;
  } catch (error) {
    if (error instanceof StreamError) {
      await flush();
      return error.kind === "too-large" ? "The bundle is larger than DIRECTORY_MAX_BUNDLE_MB allows." : error.kind === "timeout" ? "The download stalled." : "The download broke off.";
    }
    throw error;
  }
}

async function* countBytes(body: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}

function add(summary: ImportSummary, counts: WriteCounts) {
  for (const kind of ["brands", "endpoints"] as const) {
    summary[kind].added += counts[kind].added;
    summary[kind].updated += counts[kind].updated;
    summary[kind].unchanged += counts[kind].unchanged;
    summary[kind].duplicates += counts[kind].duplicates;
    summary.skipped += counts[kind].duplicates;
    if (counts[kind].duplicates) summary.skippedReasons["duplicate entry (same id twice)"] = (summary.skippedReasons["duplicate entry (same id twice)"] ?? 0) + counts[kind].duplicates;
  }
}

/** A vendor's name as the directory keeps it: lower case letters, digits, dots and dashes. */
export function normalizeVendor(name: string): string | null {
  const cleaned = name.trim().toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return cleaned || null;
}
