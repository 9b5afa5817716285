import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Polite } from "../ehr-http";
import { claimRefresh, markNeedsReconnect, readConnectionTokens, type ConnectionTokens } from "../data/connection-tokens";
import { backoffDelayMs, sleep } from "./backoff";
import { refreshLeaseMs } from "./refresh-step";
import { APPROVAL_EXPIRED_REASON, refreshUntilDone } from "./refresh-loop";

/**
 * A usable access token for a connection, refreshed when it expires within 60 s. Single-flight:
 * concurrent callers in this process share one promise; other processes see the row's lease and
 * wait for the token version to change. Exactly one refresh request reaches the EHR.
 */
export type AccessTokenResult =
  | { ok: true; accessToken: string; refreshed: boolean }
  | { ok: false; permanent: boolean; message: string; retryAfterSeconds?: number };

export interface AccessTokenOptions {
  /** Lease owner; a worker passes its id so its own sync lease counts as held. Default: this process. */
  owner?: string;
  /** Refresh even when the access token is still fresh (staff "Refresh now", the sync worker). */
  force?: boolean;
  /** Requests to the EHR for transient failures, the first included. Default 3. */
  maxAttempts?: number;
  /** How long to wait for another process's refresh. Default 30 s. */
  waitMs?: number;
  /** Runs each request to the EHR under the caller's limits (the sync worker's limiter); only the exchange. */
  polite?: Polite;
}

export const REFRESH_MARGIN_MS = 60_000;
export const PROCESS_OWNER = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

const globalInflight = globalThis as unknown as { connectionRefreshes?: Map<string, Promise<AccessTokenResult>> };
const inflight = (globalInflight.connectionRefreshes ??= new Map());

export function getFreshAccessToken(connectionId: string, options: AccessTokenOptions = {}): Promise<AccessTokenResult> {
  // Keyed by owner too: each owner behaves like its own process (a worker's claim is its own).
  const key = `${options.owner ?? PROCESS_OWNER}|${connectionId}${options.force ? "|force" : ""}`;
  const existing = inflight.get(key);
  if (existing) return existing;
  const promise = obtain(connectionId, options).finally(() => inflight.delete(key));
  inflight.set(key, promise);
  return promise;
}

/**
 * The sync worker's refresh of a connection it has claimed (lib/data/sync-claims): the claim holds
 * the lease and marked the refresh pending, so this goes straight to the EHR, no read, no second
 * claim. The lease stays with the worker, which ends its claim when the connection is done.
 */
export async function refreshClaimedConnection(row: ConnectionTokens, owner: string, polite?: Polite, maxAttempts = 3): Promise<AccessTokenResult> {
  return (await endIfApprovalExpired(row, Date.now())) ?? refreshUntilDone(row, owner, { keepLease: true, ...(polite && { polite }) }, maxAttempts);
}

/** A refresh after the approval ended would only fail: the connection needs reconnecting now. */
async function endIfApprovalExpired(row: ConnectionTokens, now: number): Promise<AccessTokenResult | null> {
  if (!row.approvalExpiresAt || row.approvalExpiresAt.getTime() > now) return null;
  await markNeedsReconnect(row.id, APPROVAL_EXPIRED_REASON);
  return { ok: false, permanent: true, message: APPROVAL_EXPIRED_REASON };
}

const expiresSoon = (row: ConnectionTokens, now: number) =>
  !row.accessToken || (row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - now <= REFRESH_MARGIN_MS);

async function obtain(connectionId: string, options: AccessTokenOptions): Promise<AccessTokenResult> {
  const owner = options.owner ?? PROCESS_OWNER;
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let forcedFrom: number | null = null;
  for (let polls = 0; ; polls++) {
    const row = await readConnectionTokens(connectionId);
    if (!row) return { ok: false, permanent: true, message: "No such connection." };
    if (row.status !== "connected") return { ok: false, permanent: true, message: row.statusReason ?? "The connection needs reconnecting." };
    if (options.force && forcedFrom === null) forcedFrom = row.tokenVersion;
    const now = Date.now();
    const due = expiresSoon(row, now) || (forcedFrom !== null && row.tokenVersion === forcedFrom);
    if (!due && row.accessToken) return { ok: true, accessToken: row.accessToken, refreshed: polls > 0 };
    const expired = await endIfApprovalExpired(row, now);
    if (expired) return expired;
    const heldBefore = row.leaseOwner === owner && row.leaseUntil !== null && row.leaseUntil.getTime() > now;
    if (await claimRefresh(connectionId, owner, refreshLeaseMs(), row.tokenVersion)) {
      return refreshUntilDone(row, owner, { keepLease: heldBefore, ...(options.polite && { polite: options.polite }) }, options.maxAttempts ?? 3);
    }
    // Another process holds the lease (or just rotated): wait for its answer, then read again.
    if (Date.now() > deadline) return { ok: false, permanent: false, message: "The connection is busy refreshing. Please try again." };
    await sleep(Math.min(500, backoffDelayMs(Math.min(polls, 4), undefined, { baseMs: 40 })));
  }
}
