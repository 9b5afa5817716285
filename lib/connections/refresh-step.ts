import "server-only";
import {
  getConnectionClient,
  markNeedsReconnect,
  readConnectionTokens,
  REFRESH_LOST_REASON,
  REFRESH_PENDING,
  releaseRefresh,
  storeRotatedTokens,
  type ConnectionTokens,
} from "../data/connection-tokens";
import { getHealthSystemConfig, rememberBasicAuthEncoding } from "../data/health-systems";
import { rememberFor } from "../data/remember-for";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { log } from "../log";
import type { Polite } from "../ehr-http";
import { refresh, revoke, type SmartError } from "../smart";

/** What one refresh request (made under the lease) came to. */
export type RefreshStep =
  | { kind: "stored"; accessToken: string }
  | { kind: "raced" }
  | { kind: "permanent"; reason: string }
  | { kind: "transient"; message: string; retryAfterSeconds?: number; retry: boolean };

/** OAuth codes whose name is shown in a reason; any other (server-chosen) code is not echoed. */
const NAMED_OAUTH = new Set(["invalid_request", "invalid_client", "unauthorized_client", "invalid_scope", "unsupported_grant_type", "access_denied"]);
export const APPROVAL_EXPIRED_REASON = "Needs reconnecting — the approval has expired.";
const REVOKED_REASON = "Needs reconnecting — the health system no longer accepts this connection (revoked or expired).";

/**
 * Any OAuth error answer to a refresh that is not transient (the one rule: 408, 429, 5xx and
 * temporarily_unavailable/server_error are) is permanent: invalid_grant, but also invalid_request
 * (Medplum's answer to a rotated-away refresh token), unauthorized_client, invalid_scope and codes
 * we do not know. Retrying cannot change the EHR's mind; the participant must reconnect.
 */
function permanentReason(error: SmartError, row: ConnectionTokens): string | null {
  if (error.kind !== "oauth" || error.transient) return null;
  if (error.code === "invalid_client") return "Needs reconnecting — the health system refused the study's registration (invalid_client).";
  // The EHR rotated on a request whose answer we never stored: the old token died with it, and
  // the EHR says so with invalid_grant or, like Medplum, invalid_request or another refusal.
  if (row.statusReason === REFRESH_PENDING) return REFRESH_LOST_REASON;
  if (error.code !== "invalid_grant") {
    const named = NAMED_OAUTH.has(error.code) ? ` (${error.code})` : "";
    return `Needs reconnecting — the health system refused to refresh this connection${named}.`;
  }
  if (/approval/i.test(error.description ?? "")) return APPROVAL_EXPIRED_REASON;
  if (row.approvalExpiresAt && row.approvalExpiresAt.getTime() <= Date.now() + 60_000) return APPROVAL_EXPIRED_REASON;
  return REVOKED_REASON;
}

/** The health system's SMART configuration, remembered for 30 s per process. */
const healthSystemConfig = rememberFor(30_000, getHealthSystemConfig);

/** A refresh lease outlives the request it covers (EHR_TIMEOUT_MS), with room to store the answer. */
export const refreshLeaseMs = () => ehrTimeoutMs() * 2 + 5_000;

export const SLOT_WAIT_MESSAGE = "Too many requests were waiting for this health system; the new token will be asked for again shortly.";

/** One request to the EHR, under the caller's limits when it has any. */
const exchange = <T>(polite: Polite | undefined, request: () => Promise<T>): Promise<T> => (polite ? polite(request) : request());

/** The EHR answered, so it did not rotate (a status or OAuth error is sent before any state change). */
const outcomeKnown = (error: SmartError) => error.kind === "http" || error.kind === "oauth";

/** How one refresh is made: whether the lease stays with the caller, and its politeness limits. */
export type RefreshMode = {
  /** The caller held the lease before (a worker's claim): keep it after the refresh. */
  keepLease: boolean;
  /** Wraps each request to the EHR (the refresh, a revoke): the limiter's slot covers the exchange, not the storing. */
  polite?: Polite;
};

/**
 * One refresh, the lease already held: call the EHR (no transaction open), then store the rotated
 * refresh token before anything else may use the new access token.
 */
export async function refreshUnderLease(row: ConnectionTokens, owner: string, { keepLease, polite }: RefreshMode): Promise<RefreshStep> {
  const release = (known: boolean, error?: string) =>
    releaseRefresh(row.id, owner, { outcomeKnown: known, previousReason: row.statusReason, keepLease, ...(error !== undefined && { error }) });
  const [hs, client] = await Promise.all([healthSystemConfig(row.healthSystemId), getConnectionClient(row)]);
  if (!hs || !client || !row.refreshToken) {
    await release(true);
    const reason = "Needs reconnecting — the study has no way to refresh this connection.";
    await markNeedsReconnect(row.id, reason);
    return { kind: "permanent", reason };
  }
  const refreshToken = row.refreshToken;
  // The lease covers a request sent within EHR_TIMEOUT_MS of now (refreshLeaseMs; a worker's claim
  // is at least as long): one that waited longer for a slot is not sent, so two processes never
  // send the same refresh token.
  const sendBy = Date.now() + ehrTimeoutMs();
  const result = await exchange(polite, async () =>
    Date.now() > sendBy
      ? null
      : refresh({
          config: hs.config,
          client: hs.basicAuthEncoding ? { ...client, basicAuthEncoding: hs.basicAuthEncoding } : client,
          refreshToken,
          timeoutMs: ehrTimeoutMs(),
          policy: ehrUrlPolicy(),
          onBasicAuthEncoding: (encoding) => void rememberBasicAuthEncoding(row.healthSystemId, encoding).catch(() => {}),
        }),
  );
  if (result === null) {
    await release(true, SLOT_WAIT_MESSAGE);
    return { kind: "transient", message: SLOT_WAIT_MESSAGE, retry: true };
  }
  if (result.ok) {
    const t = result.value;
    const stored = await storeRotatedTokens(
      row.id,
      row.tokenVersion,
      {
        accessToken: t.accessToken,
        accessTokenExpiresAt: t.expiresAt ?? null,
        ...(t.refreshToken && { refreshToken: t.refreshToken }),
        ...(t.scope && { grantedScope: t.scope }),
        ...(t.refreshTokenExpiresAt && { approvalExpiresAt: t.refreshTokenExpiresAt }),
      },
      { keepLease },
    );
    if (!stored) {
      log.error("refresh.version_changed_under_lease", { connectionId: row.id });
      // Issue #16: the participant withdrew while this refresh was in flight. The rotated tokens
      // were not stored (the withdrawal bumped tokenVersion); ask the EHR to end them (best effort).
      const now = await readConnectionTokens(row.id).catch(() => null);
      if (now?.status === "withdrawn" && (t.refreshToken || t.accessToken)) {
        const revoked = await exchange(polite, () =>
          revoke({
            config: hs.config,
            client,
            token: t.refreshToken ?? t.accessToken,
            tokenTypeHint: t.refreshToken ? "refresh_token" : "access_token",
            timeoutMs: ehrTimeoutMs(),
          }),
        ).catch(() => null);
        log.info("refresh.withdrawn_revoke", { connectionId: row.id, result: revoked?.ok ? revoked.value : "failed" });
      }
    }
    return stored ? { kind: "stored", accessToken: t.accessToken } : { kind: "raced" };
  }
  const error = result.error;
  const reason = permanentReason(error, row);
  if (reason) {
    if (reason === REFRESH_LOST_REASON) log.warn("refresh.response_lost", { connectionId: row.id });
    await markNeedsReconnect(row.id, reason);
    return { kind: "permanent", reason };
  }
  log.warn("refresh.failed", { connectionId: row.id, kind: error.kind, status: error.status, transient: error.transient });
  await release(outcomeKnown(error), error.message);
  return {
    kind: "transient",
    message: error.message,
    retry: error.transient,
    ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
  };
}
