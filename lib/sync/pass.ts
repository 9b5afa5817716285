import "server-only";
import { claimDueConnections, countDueConnections, releaseSyncClaim, renewSyncClaim, type ClaimedSync } from "../data/sync-claims";
import { abandonStaleSyncRuns, finishSyncRun, recordSyncProgress, startSyncRun } from "../data/sync-runs";
import { recordTransientError } from "../data/connection-tokens";
import { cleanUpEndedAttempts } from "../data/enrollment-attempts";
import { backoffDelayMs } from "../connections/backoff";
import { env } from "../env";
import { log } from "../log";
import { databaseEhrBudget } from "../data/ehr-budget";
import { EhrLimiter } from "./ehr-limiter";
import { syncConnection } from "./sync-connection";

/**
 * One sync pass: claim due connections in batches (leases with expiry), refresh and sync each with
 * bounded concurrency per health system, and record progress in a SyncRun row and the log.
 * Several workers may run passes at once; each connection is worked on by one of them only.
 */
export interface PassOptions {
  workerId: string;
  intervalMs?: number;
  concurrencyPerEhr?: number;
  leaseMs?: number;
  /** Connections claimed at a time. Default: 4 × the per-EHR concurrency (small, so workers share the work). */
  batchSize?: number;
  /** Checked between batches: a worker asked to stop ends the pass early (claims are released). */
  shouldStop?: () => boolean;
}

export const SYNC_CRASHED_MESSAGE = "The sync could not run for this connection; it will be tried again. The worker's log has the details.";

export type PassSummary = { runId: string; total: number; done: number; synced: number; failed: number; needsReconnect: number; seconds: number };

export function syncSettings() {
  const e = env();
  return { intervalMs: e.SYNC_INTERVAL_HOURS * 3_600_000, concurrencyPerEhr: e.SYNC_CONCURRENCY_PER_EHR, leaseMs: e.SYNC_LEASE_SECONDS * 1000 };
}

export async function runSyncPass(options: PassOptions): Promise<PassSummary> {
  const settings = { ...syncSettings(), ...options };
  const { workerId, leaseMs } = settings;
  const started = Date.now();
  const dueBefore = new Date(started - settings.intervalMs);
  await abandonStaleSyncRuns(new Date(started - 24 * 3_600_000));
  // Enrollment attempts long past their end go, with their sealed client secrets (finding 6).
  await cleanUpEndedAttempts().catch((error: unknown) => log.error("enrollment.attempt_cleanup_failed", { error: String(error) }));
  const total = await countDueConnections(dueBefore);
  const runId = await startSyncRun(workerId, total);
  const counts = { synced: 0, failed: 0, needsReconnect: 0 };
  const done = () => counts.synced + counts.failed + counts.needsReconnect;
  const failed = () => counts.failed + counts.needsReconnect;
  let flushing = Promise.resolve();
  const flush = () => (flushing = flushing.then(() => recordSyncProgress(runId, { done: done(), failed: failed() })).catch(() => undefined));
  const timer = setInterval(() => {
    void flush();
    log.info("sync.progress", { workerId, done: done(), total, failed: failed() });
  }, 1_000);
  const limiter = new EhrLimiter({ budget: databaseEhrBudget, owner: workerId });

  async function processOne(claimed: ClaimedSync, claimedAt: number): Promise<void> {
    const { target } = claimed;
    // A claim older than half its lease is renewed first (false: it expired and someone else took
    // the connection; true: nobody touched it, so the claimed tokens are still current).
    if (Date.now() - claimedAt > leaseMs / 2 && !(await renewSyncClaim(target.connectionId, workerId, leaseMs))) return;
    let notBefore: Date | undefined;
    try {
      if (claimed.tokens === null) throw new Error(`its tokens could not be opened: ${claimed.problem}`);
      const outcome = await syncConnection(target, workerId, claimed.tokens);
      if (outcome.kind === "synced") counts.synced++;
      else if (outcome.kind === "needs_reconnect") counts.needsReconnect++;
      else {
        counts.failed++;
        if (outcome.retryAfterSeconds) limiter.pause(target.healthSystemId, outcome.retryAfterSeconds);
        notBefore = new Date(Date.now() + Math.max(60_000, backoffDelayMs(6, outcome.retryAfterSeconds)));
      }
    } catch (error) {
      counts.failed++;
      notBefore = new Date(Date.now() + 60_000);
      log.error("sync.connection_crashed", { connectionId: target.connectionId, error: error instanceof Error ? error.message : String(error) });
      // Staff see that something is wrong with this connection; the details stay in the log.
      await recordTransientError(target.connectionId, SYNC_CRASHED_MESSAGE).catch(() => undefined);
    } finally {
      await releaseSyncClaim(target.connectionId, workerId, notBefore);
    }
  }

  // Claims run ahead of the work by up to one batch, so the EHRs never wait at a batch boundary.
  const batchSize = settings.batchSize ?? Math.max(16, settings.concurrencyPerEhr * 4);
  const inFlight = new Set<Promise<void>>();
  // The pass walks the table in id order; at the end, one more sweep from the start picks up
  // connections skipped on the way (held by another worker then, released since).
  let after = "";
  try {
    while (!settings.shouldStop?.()) {
      const batch = await claimDueConnections({ owner: workerId, limit: batchSize, leaseMs, dueBefore, after });
      if (batch.length === 0) {
        if (after === "") break;
        after = "";
        continue;
      }
      after = batch.at(-1)!.target.connectionId;
      const claimedAt = Date.now();
      for (const claimed of batch) {
        const work: Promise<void> = limiter
          .run(claimed.target.healthSystemId, () => processOne(claimed, claimedAt))
          // Only the claim's release can still fail here (database gone): its lease then expires.
          .catch((error) => log.error("sync.release_failed", { connectionId: claimed.target.connectionId, error: error instanceof Error ? error.message : String(error) }))
          .finally(() => inFlight.delete(work));
        inFlight.add(work);
      }
      while (inFlight.size > batchSize / 2) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(timer);
    await flushing;
    await finishSyncRun(runId, { done: done(), failed: failed() }, settings.shouldStop?.() ? "abandoned" : "finished");
  }
  const summary = { runId, total, done: done(), ...counts, seconds: (Date.now() - started) / 1000 };
  log.info("sync.pass_finished", { workerId, ...summary });
  return summary;
}
