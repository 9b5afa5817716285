import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { cleanExpiredExports, kickExportRunner } from "../bulk-export/runner";
import { pruneResearchCredentials } from "../data/research-tokens";
import { deliverDueWebhooks, type DispatchSettings } from "../events/deliver";
import { env } from "../env";
import { ehrUrlPolicy } from "../health-systems/policy";
import { startPeriodic } from "./periodic";

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
  let lastCleanup = 0;
  const handle = startPeriodic(
    "research_jobs",
    TICK_MS,
    async (isStopping) => {
      kickExportRunner();
      const settings = dispatchSettings(owner);
      // A backlog is worked through a batch at a time; each attempt is bounded by WEBHOOK_TIMEOUT_MS.
      for (let i = 0; i < 10 && !isStopping(); i++) {
        const { attempted } = await deliverDueWebhooks(settings);
        if (attempted < (settings.batchSize ?? 20)) break;
      }
      if (Date.now() - lastCleanup > CLEANUP_MS) {
        lastCleanup = Date.now();
        await cleanExpiredExports();
        await pruneResearchCredentials();
      }
    },
    () => delete state.portalResearchJobs,
  );
  state.portalResearchJobs = handle;
  return handle;
}
