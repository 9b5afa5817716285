import "server-only";
import { getSyncTarget, type SyncTarget } from "../data/sync-claims";
import { recordTransientError } from "../data/connection-tokens";
import type { ConnectionTokens } from "../data/connection-tokens";
import { getFreshAccessToken, PROCESS_OWNER, refreshClaimedConnection } from "../connections/access-token";
import { emitEvent } from "../events/emit";
import { log } from "../log";
import { SYNC_TASKS } from "./tasks";

/** How one connection's sync went. */
export type ConnectionSyncOutcome =
  | { kind: "synced" }
  | { kind: "needs_reconnect"; message: string }
  | { kind: "failed"; message: string; retryAfterSeconds?: number };

/**
 * Refreshes the connection's tokens (always: a used refresh token stays alive at every EHR) and
 * runs every sync task with the new access token. `claimed`: the tokens a worker's claim returned
 * (the worker `owner` holds the lease); without them the connection is read and leased here.
 */
export async function syncConnection(target: SyncTarget, owner: string = PROCESS_OWNER, claimed?: ConnectionTokens): Promise<ConnectionSyncOutcome> {
  const token = claimed ? await refreshClaimedConnection(claimed, owner) : await getFreshAccessToken(target.connectionId, { owner, force: true });
  if (!token.ok) {
    if (token.permanent) return { kind: "needs_reconnect", message: token.message };
    return { kind: "failed", message: token.message, ...(token.retryAfterSeconds !== undefined && { retryAfterSeconds: token.retryAfterSeconds }) };
  }
  for (const task of SYNC_TASKS) {
    const outcome = await task.run(target, token.accessToken);
    if (outcome.ok) continue;
    log.warn("sync.task_failed", { connectionId: target.connectionId, task: task.name, status: outcome.status, transient: outcome.transient });
    return { kind: "failed", message: outcome.message, ...(outcome.retryAfterSeconds !== undefined && { retryAfterSeconds: outcome.retryAfterSeconds }) };
  }
  await emitEvent("record.synced", { connectionId: target.connectionId });
  return { kind: "synced" };
}

/**
 * "Refresh now" on the staff dashboard: refresh the token and refetch the Patient at once. The
 * caller (a staff-only server action) has already checked who is asking.
 */
export async function refreshAndSyncConnection(connectionId: string): Promise<{ ok: boolean; message: string }> {
  const target = await getSyncTarget(connectionId);
  if (!target) return { ok: false, message: "No such connection." };
  try {
    const outcome = await syncConnection(target);
    if (outcome.kind === "synced") return { ok: true, message: "Refreshed: the token is renewed and the Patient record is up to date." };
    return { ok: false, message: outcome.message };
  } catch (error) {
    log.error("sync.refresh_now_failed", { connectionId, error: error instanceof Error ? error.message : String(error) });
    await recordTransientError(connectionId, "The refresh failed unexpectedly. Please try again.").catch(() => undefined);
    return { ok: false, message: "The refresh failed unexpectedly. Please try again." };
  }
}
