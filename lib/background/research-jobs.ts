import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { cleanExpiredExports, kickExportRunner } from "../bulk-export/runner";
import { pruneResearchCredentials } from "../data/research-tokens";
import { deliverDueWebhooks, type DispatchSettings } from "../events/deliver";
import { env } from "../env";
import { ehrUrlPolicy } from "../health-systems/policy";
import { log } from "../log";

/**
 * The research side's background work, in every portal process and in `npm run worker`: queued
 * Bulk Data exports (and ones whose runner died), webhook deliveries that are due, and every
 * minute the deletion of expired export files and of expired tokens and assertion ids. Leases
 * in the database keep processes from doing the same piece of work twice.
 */
const TICK_MS = 1_000;
const CLEANUP_MS = 60_000;

export function dispatchSettings(owner: string): DispatchSettings {
  const e = env();
  return { owner, policy: ehrUrlPolicy(), timeoutMs: e.WEBHOOK_TIMEOUT_MS, maxAttempts: e.WEBHOOK_MAX_ATTEMPTS };
}

const state = globalThis as unknown as { portalResearchJobs?: { stop(): Promise<void> } };

export function startResearchJobs(): { stop(): Promise<void> } {
  if (state.portalResearchJobs) return state.portalResearchJobs;
  const owner = `research:${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  let stopping = false;
  let lastCleanup = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    kickExportRunner();
    const settings = dispatchSettings(owner);
    // A backlog is worked through a batch at a time; each attempt is bounded by WEBHOOK_TIMEOUT_MS.
    for (let i = 0; i < 10 && !stopping; i++) {
      const { attempted } = await deliverDueWebhooks(settings);
      if (attempted < (settings.batchSize ?? 20)) break;
    }
    if (Date.now() - lastCleanup > CLEANUP_MS) {
      lastCleanup = Date.now();
      await cleanExpiredExports();
      await pruneResearchCredentials();
    }
  };
  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => log.error("research_jobs.tick_failed", { error: error instanceof Error ? error.message : String(error) }))
        .finally(schedule);
    }, TICK_MS);
    timer.unref();
  };
  schedule();
  const handle = {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
      delete state.portalResearchJobs;
    },
  };
  state.portalResearchJobs = handle;
  return handle;
}
