import "server-only";
import { claimRefresh, readConnectionTokens, type ConnectionTokens } from "../data/connection-tokens";
import { log } from "../log";
import type { AccessTokenResult } from "./access-token";
import { backoffDelayMs, sleep } from "./backoff";
import { refreshLeaseMs, refreshUnderLease, type RefreshMode } from "./refresh-step";

export { APPROVAL_EXPIRED_REASON } from "./refresh-step";

/** Longest Retry-After waited for inside one call; a longer one is handed back to the caller. */
const MAX_INLINE_WAIT_S = 10;

/**
 * Refreshes under the lease, retrying transient failures with backoff and jitter (never sooner
 * than Retry-After). Status never changes on a failure that is not permanent; the error is recorded.
 */
export async function refreshUntilDone(first: ConnectionTokens, owner: string, mode: RefreshMode, maxAttempts: number): Promise<AccessTokenResult> {
  let row = first;
  for (let attempt = 0; ; attempt++) {
    const step = await refreshUnderLease(row, owner, mode);
    if (step.kind === "permanent") return { ok: false, permanent: true, message: step.reason };
    if (step.kind === "stored") return { ok: true, accessToken: step.accessToken, refreshed: true };
    if (step.kind === "raced") {
      const fresh = await readConnectionTokens(row.id);
      if (fresh?.status === "connected" && fresh.accessToken) return { ok: true, accessToken: fresh.accessToken, refreshed: true };
      return { ok: false, permanent: true, message: fresh?.statusReason ?? "The connection needs reconnecting." };
    }
    const tooLong = (step.retryAfterSeconds ?? 0) > MAX_INLINE_WAIT_S;
    // Not transient by the one rule (e.g. a 4xx that is not an OAuth error, an HTML page): asking
    // again at once would get the same answer, so it goes back to the caller's next pass.
    if (attempt + 1 >= maxAttempts || tooLong || !step.retry) {
      return { ok: false, permanent: false, message: step.message, ...(step.retryAfterSeconds !== undefined && { retryAfterSeconds: step.retryAfterSeconds }) };
    }
    await sleep(backoffDelayMs(attempt, step.retryAfterSeconds));
    const next = await readConnectionTokens(row.id);
    if (!next || next.status !== "connected") return { ok: false, permanent: true, message: next?.statusReason ?? "No such connection." };
    if (next.tokenVersion !== row.tokenVersion && next.accessToken) return { ok: true, accessToken: next.accessToken, refreshed: true };
    if (!(await claimRefresh(row.id, owner, refreshLeaseMs(), next.tokenVersion))) {
      log.info("refresh.retry_lost_lease", { connectionId: row.id });
      return { ok: false, permanent: false, message: "The connection is busy refreshing. Please try again." };
    }
    row = next;
  }
}
