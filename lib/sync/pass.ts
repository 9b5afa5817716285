import "server-only";
import { claimDueConnections, countDueConnections, releaseSyncClaim, renewSyncClaim, type ClaimedSync } from "../data/sync-claims";
import { abandonStaleSyncRuns, finishSyncRun, recordSyncProgress, startSyncRun } from "../data/sync-runs";
import { recordTransientError } from "../data/connection-tokens";
import { cleanUpEndedAttempts } from "../data/enrollment-attempts";
import { backoffDelayMs } from "../connections/backoff";
import { env } from "../env";
import { log } from "../log";
import { heldResourcesByType } from "../data/resource-store";
import { capabilityCache, type CapabilityCache } from "./capabilities";
import { syncConnection } from "./connection-sync";
import { EhrLimiter } from "./ehr-limiter";
import { limiterFor } from "./limiter";

/**
 * One sync pass: claim due connections in batches (leases with expiry), sync each
 * (lib/sync/connection-sync: refresh, fetch every planned search, store) with every request under
 * the per-health-system limiter, and record progress in a SyncRun row and the log.
 * Several workers may run passes at once; each connection is worked on by one of them only.
 */
export interface PassOptions {
  workerId: string;
  intervalMs?: number;
  concurrencyPerEhr?: number;
  leaseMs?: number;
  /** Connections claimed at a time. Default: 4 × the per-EHR concurrency (small, so workers share the work: twice the connections worked on at once). */
  batchSize?: number;
  /** Checked between batches: a worker asked to stop ends the pass early (claims are released). */
  shouldStop?: () => boolean;
  /** CapabilityStatements the caller keeps across passes (the worker); default: one read per pass. */
  capabilities?: CapabilityCache;
}

/** Connections worked on at once per request a health system allows in flight (see the gate below). */
export const CONNECTIONS_PER_REQUEST_SLOT = 2;

export const SYNC_CRASHED_MESSAGE = "The sync could not run for this connection; it will be tried again. The worker's log has the details.";

export type PassSummary = {
  runId: string;
  total: number;
  done: number;
  synced: number;
  failed: number;
  needsReconnect: number;
  /** Connections that stopped being active (withdrawn) while they were synced: nothing more was stored. */
  stopped: number;
  seconds: number;
  /** Resources created or changed in this pass, by type (the Patient and referenced resources included). */
  resourcesWritten: Record<string, number>;
  /** Resources marked removed in this pass (missing from a full re-pull), by type. */
  resourcesRemoved: Record<string, number>;
  /** Resources held after the pass (not removed) by the connections it synced, by type. */
  resourcesHeld: Record<string, number>;
};

export function syncSettings() {
  const e = env();
  return { intervalMs: e.SYNC_INTERVAL_HOURS * 3_600_000, concurrencyPerEhr: e.SYNC_CONCURRENCY_PER_EHR, leaseMs: e.SYNC_LEASE_SECONDS * 1000 };
}

export async function runSyncPass(options: PassOptions): Promise<PassSummary> {
  const settings = { ...syncSettings(), ...options };
  const { workerId, leaseMs } = settings;
  const started = Date.now();
  const dueBefore = new Date(started - settings.intervalMs);
  const total = await countDueConnections(dueBefore);
  // The SyncRun row and the housekeeping are written once the first claims' requests are on their
  // way (setImmediate: after the claim, lease and token request now under way): a first sync waits
  // for nothing it does not need. A failure of either is raised once the pass's work is done.
  const soon = <T>(job: () => Promise<T>) => new Promise<T>((resolve, reject) => setImmediate(() => job().then(resolve, reject)));
  const runStarted = soon(() => startSyncRun(workerId, total));
  const housekeeping = soon(() =>
    Promise.all([
      abandonStaleSyncRuns(new Date(started - 24 * 3_600_000)),
      // Enrollment attempts long past their end go, with their sealed client secrets (finding 6).
      cleanUpEndedAttempts().catch((error: unknown) => log.error("enrollment.attempt_cleanup_failed", { error: String(error) })),
    ]),
  );
  [runStarted, housekeeping].forEach((p) => p.catch(() => undefined));
  const counts = { synced: 0, failed: 0, needsReconnect: 0, stopped: 0 };
  const written: Record<string, number> = {};
  const removed: Record<string, number> = {};
  const syncedIds: string[] = [];
  const addAll = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [type, n] of Object.entries(from)) into[type] = (into[type] ?? 0) + n;
  };
  const done = () => counts.synced + counts.failed + counts.needsReconnect + counts.stopped;
  const failed = () => counts.failed + counts.needsReconnect;
  let flushing = Promise.resolve();
  const flush = () => (flushing = flushing.then(async () => recordSyncProgress(await runStarted, { done: done(), failed: failed() })).catch(() => undefined));
  const timer = setInterval(() => {
    void flush();
    log.info("sync.progress", { workerId, done: done(), total, failed: failed() });
  }, 1_000);
  const limiter = limiterFor(options.concurrencyPerEhr);
  // Connections in flight per health system: CONNECTIONS_PER_REQUEST_SLOT for each request its
  // limit allows. With exactly one per slot, a slot stood idle whenever its connection was between
  // requests (storing a page, committing its tokens, waiting for its turn to write): a Patient-only
  // pass kept 27 of 32 requests in flight on average. The limiter still holds requests to the
  // limit; the gate only keeps started records few enough to finish (and leases short) rather than
  // every claimed connection crawling along at once.
  const connectionGate = new EhrLimiter(settings.concurrencyPerEhr * CONNECTIONS_PER_REQUEST_SLOT);
  const capabilities = options.capabilities ?? capabilityCache();

  async function processOne(claimed: ClaimedSync, claimedAt: number): Promise<void> {
    const { target } = claimed;
    // A claim older than half its lease is renewed first (false: it expired and someone else took
    // the connection; true: nobody touched it, so the claimed tokens are still current).
    if (Date.now() - claimedAt > leaseMs / 2 && !(await renewSyncClaim(target.connectionId, workerId, leaseMs))) return;
    let notBefore: Date | undefined;
    let claimEnded = false;
    try {
      if (claimed.tokens === null) throw new Error(`its tokens could not be opened: ${claimed.problem}`);
      // A whole record takes longer than a Patient read: the claim is renewed while it runs.
      let renewedAt = claimedAt;
      const keepAlive = async () => {
        if (Date.now() - renewedAt < leaseMs / 2) return true;
        renewedAt = Date.now();
        return renewSyncClaim(target.connectionId, workerId, leaseMs);
      };
      const outcome = await syncConnection(target, { owner: workerId, limiter, capabilities, claimed: claimed.tokens, keepAlive });
      addAll(written, outcome.written);
      addAll(removed, outcome.removed);
      claimEnded = outcome.claimEnded === true;
      if (outcome.kind === "synced") {
        counts.synced++;
        syncedIds.push(target.connectionId);
      } else if (outcome.kind === "needs_reconnect") counts.needsReconnect++;
      else if (outcome.kind === "stopped") counts.stopped++;
      else {
        counts.failed++;
        notBefore = new Date(Date.now() + Math.max(60_000, backoffDelayMs(6, outcome.retryAfterSeconds)));
      }
    } catch (error) {
      counts.failed++;
      notBefore = new Date(Date.now() + 60_000);
      log.error("sync.connection_crashed", { connectionId: target.connectionId, error: error instanceof Error ? error.message : String(error) });
      // Staff see that something is wrong with this connection; the details stay in the log.
      await recordTransientError(target.connectionId, SYNC_CRASHED_MESSAGE).catch(() => undefined);
    } finally {
      if (!claimEnded) await releaseSyncClaim(target.connectionId, workerId, notBefore);
    }
  }

  // Claims run ahead of the work by up to one batch, so the EHRs never wait at a batch boundary.
  const batchSize = settings.batchSize ?? Math.max(16, settings.concurrencyPerEhr * CONNECTIONS_PER_REQUEST_SLOT * 2);
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
        // Every request inside is under the per-health-system limiter (`limiter`); the gate only
        // bounds how many connections of one health system are worked on at once.
        const work: Promise<void> = connectionGate
          .run(claimed.target.healthSystemId, () => processOne(claimed, claimedAt))
          // Only the claim's release can still fail here (database gone): its lease then expires.
          .catch((error) => log.error("sync.release_failed", { connectionId: claimed.target.connectionId, error: error instanceof Error ? error.message : String(error) }))
          .finally(() => inFlight.delete(work));
        inFlight.add(work);
      }
      while (inFlight.size > batchSize / 2) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    await housekeeping;
  } finally {
    clearInterval(timer);
    // The pass's slots at each EHR go back now, not when the lease runs out: the next pass (another
    // worker, or `sync --once` run again) starts at once instead of up to 10 s later.
    await limiter.giveBackIdle();
    await flushing;
    await finishSyncRun(await runStarted, { done: done(), failed: failed() }, settings.shouldStop?.() ? "abandoned" : "finished");
  }
  const resourcesHeld = await heldResourcesByType(syncedIds);
  const summary = { runId: await runStarted, total, done: done(), ...counts, seconds: (Date.now() - started) / 1000, resourcesWritten: written, resourcesRemoved: removed, resourcesHeld };
  log.info("sync.pass_finished", { workerId, ...summary });
  return summary;
}
