import "server-only";
import { getFreshAccessToken, PROCESS_OWNER, refreshClaimedConnection } from "../connections/access-token";
import { markNeedsReconnect, readConnectionTokens, recordTransientError, type ConnectionTokens } from "../data/connection-tokens";
import { finishRecordSync } from "../data/record-states";
import { recordSyncError } from "../data/snapshots";
import { getSyncTarget, type SyncTarget } from "../data/sync-claims";
import type { Polite } from "../ehr-http";
import { emitEvent } from "../events/emit";
import { grantFrom } from "../fhir/record-fetch/grant";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { log } from "../log";
import { checkEndpointUrl } from "../smart";
import { capabilityCache, type CapabilityCache } from "./capabilities";
import type { EhrLimiter } from "./ehr-limiter";
import { processLimiter } from "./limiter";
import { pullRecord } from "./record-pull";
import { recordSettings } from "./record-settings";

/**
 * The connection lifecycle in one place: (claimed by the pass) → a usable access token (refreshed
 * when the grant has offline_access; never otherwise) → every planned search fetched and stored →
 * the end stamped. Every HTTP request goes through the per-health-system limiter. One outcome type.
 */
export type SyncOutcome = {
  kind: "synced" | "needs_reconnect" | "failed" | "stopped";
  message: string;
  /** synced: no search failed (recordSyncedAt was set). */
  complete: boolean;
  /** synced under a worker's claim: the claim ended with the finishing stamp (nothing left to release). */
  claimEnded?: boolean;
  retryAfterSeconds?: number;
  written: Record<string, number>;
  removed: Record<string, number>;
};

export type SyncDeps = {
  owner: string;
  limiter: EhrLimiter;
  capabilities: CapabilityCache;
  /** The tokens a worker's claim returned (the worker holds the lease); without them the row is read and leased here. */
  claimed?: ConnectionTokens;
  keepAlive?: () => Promise<boolean>;
};

export const ONE_TIME_COPY_REASON = "Needs reconnecting — the participant shared a one-time copy (no offline access); it has been collected and the access has ended.";
const ACCESS_MARGIN_MS = 60_000;

const outcome = (kind: SyncOutcome["kind"], message: string, extra: Partial<SyncOutcome> = {}): SyncOutcome => ({ kind, message, complete: false, written: {}, removed: {}, ...extra });

type Access = { ok: true; accessToken: string; refreshed: boolean } | { ok: false; outcome: SyncOutcome };

async function access(target: SyncTarget, deps: SyncDeps, polite: Polite): Promise<Access> {
  if (!grantFrom(target.grantedScope).offline) {
    // A one-time copy: the refresh token is never used, even when the EHR sent one.
    const row = deps.claimed ?? (await readConnectionTokens(target.connectionId));
    const usable = row?.status === "connected" && row.accessToken && (!row.accessTokenExpiresAt || row.accessTokenExpiresAt.getTime() - Date.now() > ACCESS_MARGIN_MS);
    if (usable && row.accessToken) return { ok: true, accessToken: row.accessToken, refreshed: false };
    if (row?.status === "connected") await markNeedsReconnect(target.connectionId, ONE_TIME_COPY_REASON);
    return { ok: false, outcome: outcome("needs_reconnect", row?.status === "connected" ? ONE_TIME_COPY_REASON : (row?.statusReason ?? "The connection needs reconnecting.")) };
  }
  // Only the token request holds one of the health system's request slots: the rotated tokens
  // are committed after the slot is given back, so another request need not wait for the commit.
  const token = await (deps.claimed
    ? refreshClaimedConnection(deps.claimed, deps.owner, polite)
    : getFreshAccessToken(target.connectionId, { owner: deps.owner, force: true, polite }));
  if (token.ok) return { ok: true, accessToken: token.accessToken, refreshed: true };
  if (token.permanent) return { ok: false, outcome: outcome("needs_reconnect", token.message) };
  if (token.retryAfterSeconds) deps.limiter.pause(target.healthSystemId, token.retryAfterSeconds);
  return { ok: false, outcome: outcome("failed", token.message, token.retryAfterSeconds !== undefined ? { retryAfterSeconds: token.retryAfterSeconds } : {}) };
}

export async function syncConnection(target: SyncTarget, deps: SyncDeps): Promise<SyncOutcome> {
  const base = checkEndpointUrl(target.fhirBaseUrl, ehrUrlPolicy(), "The FHIR address");
  if (!base.ok) return outcome("failed", "The health system's FHIR address is not a usable https URL.");
  const { limiter } = deps;
  const polite: Polite = (exchange) => limiter.run(target.healthSystemId, exchange);
  const server = {
    fhirBase: target.fhirBaseUrl,
    timeoutMs: ehrTimeoutMs(),
    polite,
    pause: (seconds: number) => limiter.pause(target.healthSystemId, seconds),
  };
  // The token and the CapabilityStatement side by side: `metadata` needs no token, and the plan
  // needs both before the first search.
  const accessing = access(target, deps, polite);
  const capabilities = deps.capabilities(target.healthSystemId, server, async () => {
    const got = await accessing;
    return got.ok ? got.accessToken : null;
  });
  const token = await accessing;
  if (!token.ok) return token.outcome;
  const fetch = { ...server, patientId: target.patientId, accessToken: token.accessToken };
  const pulled = await pullRecord({ target, fetch, capabilities: await capabilities, settings: recordSettings(), ...(deps.keepAlive && { keepAlive: deps.keepAlive }) });
  const counts = { written: pulled.written, removed: pulled.removed };
  if (pulled.stopped) return outcome("stopped", "The connection is no longer active; nothing more was stored.", counts);
  if (pulled.planned > 0 && pulled.failed === pulled.planned) {
    await recordSyncError(target.connectionId, pulled.firstError ?? "The record could not be read.");
    return outcome("failed", pulled.firstError ?? "The record could not be read.", counts);
  }
  const complete = pulled.failed === 0;
  const releaseOwner = deps.claimed ? deps.owner : undefined;
  if (!(await finishRecordSync(target.connectionId, { complete, refreshed: token.refreshed, ...(releaseOwner && { releaseOwner }) }))) {
    return outcome("stopped", "The connection is no longer active; nothing more was stored.", counts);
  }
  if (!complete) await recordSyncError(target.connectionId, `${pulled.failed} of ${pulled.planned} kinds of record could not be read this time: ${pulled.firstError}`);
  await emitEvent("record.synced", { connectionId: target.connectionId });
  return outcome("synced", complete ? "The record is up to date." : `The record was updated; ${pulled.failed} kinds could not be read this time.`, {
    complete,
    claimEnded: releaseOwner !== undefined,
    ...counts,
  });
}

/**
 * "Refresh now" on the staff dashboard: renew the token (when the grant allows) and fetch the
 * record at once. The caller (a staff-only server action) has already checked who is asking.
 */
export async function refreshAndSyncConnection(connectionId: string): Promise<{ ok: boolean; message: string }> {
  const target = await getSyncTarget(connectionId);
  if (!target) return { ok: false, message: "No such connection." };
  try {
    const result = await syncConnection(target, { owner: PROCESS_OWNER, limiter: processLimiter(), capabilities: capabilityCache() });
    if (result.kind === "synced") return { ok: true, message: result.complete ? "Refreshed: the token is renewed and the record is up to date." : `Refreshed, but ${result.message.replace(/^The record was updated; /, "")}` };
    return { ok: false, message: result.message };
  } catch (error) {
    log.error("sync.refresh_now_failed", { connectionId, error: error instanceof Error ? error.message : String(error) });
    await recordTransientError(connectionId, "The refresh failed unexpectedly. Please try again.").catch(() => undefined);
    return { ok: false, message: "The refresh failed unexpectedly. Please try again." };
  }
}
