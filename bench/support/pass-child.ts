/**
 * One sync pass in a child process, for the benchmarks: `runSyncPass` (lib/sync/pass.ts) over
 * every connection (all due), with whatever the pass syncs. Prints one JSON line: the pass's
 * summary, the CPU time the pass took in this process (start-up and opening the database
 * excluded, as in a running worker) with its system part, and the peak RSS.
 * Argument (JSON):
 * - `{ "stopAfterMs": n }` asks the pass to stop after that long (between batches);
 * - `{ "warmUp": true }` first runs an untimed pass over the connections due at start (the
 *   benchmark's warm-up connections), as a running worker has synced before: its code compiled,
 *   its caches filled. It then prints `{"warm":true}` and waits for SIGUSR2 (the benchmark makes
 *   the measured connections due meanwhile) before the timed pass. A signal, not a line on stdin:
 *   reading stdin sent a new kind of stream through Node's stream functions that the warm-up had
 *   compiled for the EHR sockets only, and V8 threw that code away at the start of the timed pass.
 *   node --import tsx --conditions=react-server bench/support/pass-child.ts '{}'
 */
const options = JSON.parse(process.argv[2] ?? "{}") as { stopAfterMs?: number; warmUp?: boolean };

async function main() {
  // As `npm run worker` and `npm run sync` run (scripts/lib/worker-process.ts).
  (await import("../../scripts/lib/worker-process")).prepareWorkerProcess();
  const { runSyncPass } = await import("../../lib/sync/pass");
  // A running worker has its database open: open it (Prisma and the plain-SQL path) before timing.
  const { countDueConnections } = await import("../../lib/data/sync-claims");
  const { readConnectionTokens } = await import("../../lib/data/connection-tokens");
  await countDueConnections(new Date(0));
  await readConnectionTokens("warm-up");
  const workerId = `bench:${process.pid}`;
  if (options.warmUp) {
    const go = new Promise((resolve) => process.once("SIGUSR2", resolve));
    await runSyncPass({ workerId, intervalMs: 0 });
    process.stdout.write(`${JSON.stringify({ warm: true })}\n`);
    await go;
  }
  const started = Date.now();
  const cpu = process.cpuUsage();
  const summary = await runSyncPass({
    workerId,
    intervalMs: 0,
    ...(options.stopAfterMs && { shouldStop: () => Date.now() - started > options.stopAfterMs! }),
  });
  const used = process.cpuUsage(cpu);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ summary, cpuMs: (used.user + used.system) / 1000, systemMs: used.system / 1000, peakRssMb })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
