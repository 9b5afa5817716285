/**
 * npm run worker — the sync worker: refreshes every connection's tokens and refetches its records
 * on a schedule (SYNC_INTERVAL_HOURS, default daily), with SYNC_CONCURRENCY_PER_EHR requests per
 * health system. Several workers may run at once (PostgreSQL). SIGTERM/SIGINT: finish the current
 * batch, release claims, exit 0. Progress is logged as JSON lines (sync.progress). It also runs
 * the research side's background work (Bulk Data exports, webhook deliveries, cleanup) and email
 * (queued emails, reminders), as every portal process does.
 */
import { loadEnv } from "./lib/env-files";
import { runMain } from "./lib/fail";
import { prepareWorkerProcess } from "./lib/worker-process";

runMain(async () => {
  loadEnv({ development: process.env.NODE_ENV !== "production" });
  prepareWorkerProcess();
  const { startSyncWorker } = await import("../lib/sync/worker-loop");
  const { startResearchJobs } = await import("../lib/background/research-jobs");
  const { startMailJobs } = await import("../lib/mail/jobs");
  const worker = startSyncWorker();
  const research = startResearchJobs();
  const mail = startMailJobs();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void Promise.all([worker.stop(), research.stop(), mail.stop()]).then(() => process.exit(0));
    });
  }
  await worker.done;
});
