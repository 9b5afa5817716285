/**
 * npm run sync -- --once — one sync pass over every due connection, then a summary, then exit.
 * `--all` treats every connection as due (ignores SYNC_INTERVAL_HOURS); `--json` prints the summary
 * as one JSON line (for the benchmark), with `resourcesWritten` (created or changed in this pass) and
 * `resourcesHeld` (held after it by the connections it synced, removed ones not counted), by type.
 */
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";
import { prepareWorkerProcess } from "./lib/worker-process";

const byType = (counts: Record<string, number>) => {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? "none" : entries.map(([type, n]) => `${type} ${n}`).join(", ");
};

runMain(async () => {
  const args = process.argv.slice(2);
  if (!args.includes("--once")) fail("Usage: npm run sync -- --once [--all]   (for a long-running worker: npm run worker)");
  loadEnv({ development: process.env.NODE_ENV !== "production" });
  prepareWorkerProcess();
  const { runSyncPass } = await import("../lib/sync/pass");
  const { countLostRefreshResponses } = await import("../lib/data/connection-tokens");
  const summary = await runSyncPass({ workerId: `sync-once:${process.pid}`, ...(args.includes("--all") && { intervalMs: 0 }) });
  const lost = await countLostRefreshResponses();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (args.includes("--json")) {
    console.log(JSON.stringify({ ...summary, lostRefreshResponses: lost, peakRssMb }));
    process.exit(0);
  }
  const rate = summary.seconds > 0 ? Math.round(summary.done / summary.seconds) : summary.done;
  console.log(
    [
      `Sync pass finished in ${summary.seconds.toFixed(1)} s (${rate} connections/s).`,
      `  due:             ${summary.total}`,
      `  synced:          ${summary.synced}`,
      `  failed (retry):  ${summary.failed}`,
      `  needs reconnect: ${summary.needsReconnect}`,
      `  stopped (withdrawn meanwhile): ${summary.stopped}`,
      `  resources written: ${byType(summary.resourcesWritten)}`,
      `  resources removed: ${byType(summary.resourcesRemoved)}`,
      `  resources held:    ${byType(summary.resourcesHeld)}`,
      `  lost refresh responses (all time): ${lost}`,
      `  peak memory:     ${peakRssMb} MB`,
    ].join("\n"),
  );
  process.exit(0);
});
