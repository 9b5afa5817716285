/**
 * Benchmark `directory`: the provider directory at 50,000 brands.
 * - importSeconds_50k, importPeakRssMb_50k: `npm run directory:import` of a generated 50,000-brand
 *   bundle (~65 MB; logos as data: URLs and sandbox URLs) into a fresh SQLite file, wall time and
 *   the import process's peak resident memory.
 * - searchP50Ms / searchP95Ms at 1,000 and 50,000 brands: GET /api/directory/suggest (what the
 *   choose page's combobox and a typed search run) over HTTP against `next start`, one request at a
 *   time, a fixed mix of names, misspellings, cities and ZIP codes; searchRatio50kTo1k = p50 at
 *   50,000 / p50 at 1,000. searchServer*: the search's own time inside the portal (Server-Timing).
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import { startSandbox } from "../../sandbox/server";
import { startPortal, type RunningPortal } from "../support/portal";
import { percentile, round } from "../support/stats";

const DIR = "data/bench-directory";
const QUERIES = [
  "sandbox general hospital", "st marys hospital", "prairie health", "lakeshore medical center", "harper family medicine", "saint josephs",
  "sandbox genral", "lakshore helth", "riverbnd hospital", "st lukes medcal", "childrens hosptal",
  "madison", "tulsa", "san antonio", "rochester mn", "boston",
  "53703", "55905", "10016", "74104", "94143",
];
const WARM_UP = 60;
const SAMPLES = 400;

function exec(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function generate(brands: number, sandboxUrl: string): Promise<string> {
  const out = `${DIR}/brands-${brands}.json`;
  const made = await exec("npm", ["run", "--silent", "directory:generate", "--", "--brands", String(brands), "--out", out, "--sandbox-url", sandboxUrl], process.env);
  if (made.code !== 0) throw new Error(`directory:generate failed: ${made.stderr}`);
  return out;
}

async function importInto(portal: RunningPortal, file: string): Promise<{ seconds: number; peakRssMb: number }> {
  const started = performance.now();
  const done = await exec("npm", ["run", "--silent", "directory:import", "--", file, "--vendor", "bench", "--json", "--quiet"], portal.env);
  const seconds = (performance.now() - started) / 1000;
  if (done.code !== 0) throw new Error(`directory:import failed: ${done.stderr || done.stdout}`);
  const summary = JSON.parse(done.stdout.trim().split("\n").pop()!) as { peakRssMb: number; searchable: number };
  console.log(`  imported ${file}: ${summary.searchable} searchable brands in ${round(seconds)} s, peak RSS ${summary.peakRssMb} MB`);
  return { seconds, peakRssMb: summary.peakRssMb };
}

async function searchTimes(portal: RunningPortal): Promise<{ p50: number; p95: number; serverP50: number; serverP95: number }> {
  const samples: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    const q = QUERIES[i % QUERIES.length]!;
    const started = performance.now();
    const response = await fetch(`${portal.url}/api/directory/suggest?q=${encodeURIComponent(q)}`);
    const body = (await response.json()) as { results: unknown[] };
    if (response.status !== 200 || !Array.isArray(body.results)) throw new Error(`search for ${q} answered ${response.status}`);
    if (i >= WARM_UP) {
      samples.push(performance.now() - started);
      server.push(Number(/search;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "")?.[1] ?? NaN));
    }
  }
  return { p50: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2), serverP50: round(percentile(server, 50), 2), serverP95: round(percentile(server, 95), 2) };
}

export async function run(): Promise<Record<string, number>> {
  mkdirSync(DIR, { recursive: true });
  const sandbox = await startSandbox({ port: 9760, quiet: true });
  const figures: Record<string, number> = {};
  try {
    const small = await generate(1_000, sandbox.url);
    const large = await generate(50_000, sandbox.url);
    const p1 = await startPortal({ port: 3760, sandboxUrl: sandbox.url, name: "directory-1k" });
    try {
      await importInto(p1, small);
      const t = await searchTimes(p1);
      figures.searchP50Ms_1k = t.p50;
      figures.searchP95Ms_1k = t.p95;
      figures.searchServerP50Ms_1k = t.serverP50;
      figures.searchServerP95Ms_1k = t.serverP95;
    } finally {
      await p1.stop();
    }
    const p50k = await startPortal({ port: 3761, sandboxUrl: sandbox.url, name: "directory-50k" });
    try {
      const imported = await importInto(p50k, large);
      figures.importSeconds_50k = round(imported.seconds, 1);
      figures.importPeakRssMb_50k = imported.peakRssMb;
      const t = await searchTimes(p50k);
      figures.searchP50Ms_50k = t.p50;
      figures.searchP95Ms_50k = t.p95;
      figures.searchServerP50Ms_50k = t.serverP50;
      figures.searchServerP95Ms_50k = t.serverP95;
      figures.loadAverage1m = round(loadavg()[0]!, 1);
    } finally {
      await p50k.stop();
    }
    figures.searchRatio50kTo1k = round(figures.searchP50Ms_50k! / figures.searchP50Ms_1k!, 2);
  } finally {
    await sandbox.close();
  }
  return figures;
}
