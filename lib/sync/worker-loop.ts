import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { hasFirstSyncWaiting } from "../data/sync-claims";
import { watchFirstSyncQueue } from "../data/first-sync-signal";
import { log } from "../log";
import { runSyncPass, syncSettings, type PassSummary } from "./pass";
import { wakers } from "./nudge";
import { capabilityCache, WORKER_CAPABILITIES_MAX_AGE_MS } from "./capabilities";

/**
 * How often an idle worker looks for a connection waiting for its first sync even when nothing
 * told it of one: a fallback. It hears of one at once through the database
 * (lib/data/first-sync-signal.ts) or, in the same process, through nudgeSyncWorker.
 */
const FIRST_SYNC_POLL_MS = 2_000;

/**
 * The sync worker: a pass, then another when connections fall due again (checked at least every
 * `pollMs`), or at once when a first sync is queued, until `stop()` is called. A stop lets the
 * current batch finish and releases claims.
 */
export function startSyncWorker(options: { workerId?: string; pollMs?: number; firstSyncPollMs?: number; onPass?: (s: PassSummary) => void } = {}) {
  const workerId = options.workerId ?? `worker:${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const { intervalMs } = syncSettings();
  const pollMs = options.pollMs ?? Math.max(1_000, Math.min(intervalMs, 5 * 60_000));
  const firstSyncPollMs = options.firstSyncPollMs ?? FIRST_SYNC_POLL_MS;
  let stopping = false;
  // Set when something may have been queued (a signal or a nudge); the idle loop then checks at once.
  // A signal during a pass is kept for the idle loop that follows it.
  let signalled = false;
  let wake: (() => void) | null = null;
  const notice = () => {
    signalled = true;
    wake?.();
  };
  const watch = watchFirstSyncQueue(notice);
  const capabilities = capabilityCache({ maxAgeMs: WORKER_CAPABILITIES_MAX_AGE_MS });
  wakers.add(notice);
  const done = (async () => {
    log.info("sync.worker_started", { workerId, intervalHours: intervalMs / 3_600_000 });
    while (!stopping) {
      try {
        const summary = await runSyncPass({ workerId, capabilities, shouldStop: () => stopping });
        options.onPass?.(summary);
      } catch (error) {
        log.error("sync.pass_crashed", { workerId, error: error instanceof Error ? error.message : String(error) });
      }
      if (stopping) break;
      // A plain (ref'd) timer: it is what keeps the worker process alive between passes.
      const idleUntil = Date.now() + pollMs;
      while (!stopping && Date.now() < idleUntil) {
        if (!signalled) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(firstSyncPollMs, Math.max(0, idleUntil - Date.now())));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
        signalled = false;
        if (stopping || (await hasFirstSyncWaiting().catch(() => false))) break;
      }
    }
    wakers.delete(notice);
    await watch.close();
    log.info("sync.worker_stopped", { workerId });
  })();
  return {
    workerId,
    done,
    stop(): Promise<void> {
      stopping = true;
      wake?.();
      return done;
    },
  };
}
