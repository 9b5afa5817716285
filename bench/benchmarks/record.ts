/**
 * Benchmark `record`: the whole health record's sync (issue #12), driven through `runSyncPass`
 * (lib/sync/pass.ts) in a child process against the sandbox (smart-v2, R4), on SQLite.
 * - firstSync*: one connection with 2,000 resources, every sandbox response 100 ms late, pages of
 *   50, 8 requests in flight, enrolled while a warm `npm run worker` idles: the time from the
 *   enrollment stored to the whole record stored ÷ the lower bound (record-first.ts says what is
 *   timed, record-bound.ts how the bound is computed). Target firstSyncRatioToBound ≤ 1.3.
 * - a first pass over 1,000 connections × 200 resources: worker CPU per stored resource ÷ the CPU
 *   per resource of a plain load generator making the worker's requests (refresh, Patient read,
 *   every search, referenced resources by `_id` search) and only parsing JSON
 *   (cpuRatio, target ≤ 3; the median of three runs, cpuRatioLowest/Highest the others; both sides
 *   warm: each first handles 200 other connections untimed, record-parts.ts), peakRssMb
 *   (< 300, the largest); then a second pass with nothing changed:
 *   noChangeWrites (resources created, changed or removed; target 0), requestsPerConnectionNoChange.
 * - rateLimit*: 20 requests/s set on the health system, a backlog: rateLimitHeld (≤ 20), rateLimitUse (≥ 0.9).
 * RECORD_BENCH_PARTS=first,bulk,rate picks parts (figures of parts not run are kept from the last
 * results); RECORD_BENCH_CONNECTIONS sets the bulk size (default 1,000), RECORD_BENCH_SIZE the
 * resources a connection (default 200; 15 shows a connection's fixed cost), RECORD_BENCH_REPEATS
 * how many first passes the CPU figures are the median of (default 3). firstPassRequestsPerConnection
 * and plainRequestsPerConnection: the requests the sandbox saw in the timed first pass, and the
 * plain generator made, a connection (the same requests, so the same count).
 * workerSystemUsPerResource and plainSystemUsPerResource: the part of each side's CPU spent in the
 * kernel (system time): for the worker, mostly writing and checkpointing the SQLite file.
 */
import { existsSync, readFileSync } from "node:fs";
import { firstSync } from "./record-first";
import { bulkPasses } from "./record-parts";
import { rateLimit } from "./record-rate";

const parts = (process.env.RECORD_BENCH_PARTS ?? "first,bulk,rate").split(",");

export async function run(): Promise<Record<string, number>> {
  const previous = existsSync("bench/results.json") ? ((JSON.parse(readFileSync("bench/results.json", "utf8")) as { benchmarks: Record<string, Record<string, number>> }).benchmarks.record ?? {}) : {};
  const figures: Record<string, number> = { ...previous };
  const measure = async (part: string, fn: () => Promise<Record<string, number>>) => {
    if (!parts.includes(part)) return;
    try {
      Object.assign(figures, await fn());
    } catch (error) {
      console.error(`  record/${part} could not be measured: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await measure("first", firstSync);
  await measure("bulk", () => bulkPasses(Number(process.env.RECORD_BENCH_CONNECTIONS ?? 1000), Number(process.env.RECORD_BENCH_REPEATS ?? 3)));
  await measure("rate", rateLimit);
  return figures;
}
