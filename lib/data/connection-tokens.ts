import "server-only";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import { emitEvent } from "../events/emit";
import { commitSyncWrite } from "./sync-writes";
import type { ClientCredentials, TokenEndpointAuthMethod } from "../smart";
import { getOrCreateClientKey } from "./client-keys";
import { getHealthSystemClient } from "./health-systems";
import { rememberFor } from "./remember-for";

/**
 * A connection's tokens, for the refresh machinery only (server-side; never returned to a page).
 * Concurrency: a refresh first takes the row's lease (`claimRefresh`, an atomic conditional
 * update), calls the EHR outside any transaction, then stores the rotated tokens with a
 * compare-and-swap on `tokenVersion` (`storeRotatedTokens`).
 *
 * While a connection is "connected", `statusReason` = REFRESH_PENDING marks a refresh that was
 * sent and whose answer has not been stored yet (set with the lease, cleared with the new tokens).
 * If it is still there when the EHR later answers invalid_grant, the EHR rotated the token and its
 * answer was lost: that is how a lost refresh response is told apart from a revocation.
 */
export const REFRESH_PENDING = "refresh-pending";
export const REFRESH_LOST_REASON = "Needs reconnecting — refresh response lost.";

export type ConnectionTokens = {
  id: string;
  healthSystemId: string;
  patientId: string;
  status: string;
  statusReason: string | null;
  tokenVersion: number;
  accessToken: string | null;
  accessTokenExpiresAt: Date | null;
  refreshToken: string | null;
  approvalExpiresAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  /** The connection's own (per-participant) client, when it has one. */
  ownClient: ClientCredentials | null;
};

export async function readConnectionTokens(id: string): Promise<ConnectionTokens | null> {
  const row = await (await db()).connection.findUnique({
    where: { id },
    select: {
      id: true, healthSystemId: true, patientId: true, status: true, statusReason: true, tokenVersion: true,
      accessTokenEnc: true, accessTokenExpiresAt: true, refreshTokenEnc: true, approvalExpiresAt: true,
      leaseOwner: true, leaseUntil: true, clientId: true, clientSecretEnc: true, clientAuthMethod: true,
    },
  });
  return row ? toConnectionTokens(row) : null;
}

type SealedTokensRow = Omit<ConnectionTokens, "ownClient" | "accessToken" | "refreshToken"> & {
  accessTokenEnc: string | null;
  refreshTokenEnc: string | null;
  clientId: string | null;
  clientSecretEnc: string | null;
  clientAuthMethod: string | null;
};

/** Opens a row's sealed tokens and client secret (server memory only). */
export function toConnectionTokens(row: SealedTokensRow): ConnectionTokens {
  const at = connectionColumn(row.id);
  return {
    id: row.id,
    healthSystemId: row.healthSystemId,
    patientId: row.patientId,
    status: row.status,
    statusReason: row.statusReason,
    tokenVersion: row.tokenVersion,
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    approvalExpiresAt: row.approvalExpiresAt,
    leaseOwner: row.leaseOwner,
    leaseUntil: row.leaseUntil,
    ownClient: row.clientId
      ? {
          clientId: row.clientId,
          tokenEndpointAuthMethod: (row.clientAuthMethod ?? "client_secret_basic") as TokenEndpointAuthMethod,
          ...(row.clientSecretEnc && { clientSecret: unseal(row.clientSecretEnc, at("clientSecretEnc")) }),
        }
      : null,
    accessToken: row.accessTokenEnc ? unseal(row.accessTokenEnc, at("accessTokenEnc")) : null,
    refreshToken: row.refreshTokenEnc ? unseal(row.refreshTokenEnc, at("refreshTokenEnc")) : null,
  };
}

/** Where a connection's sealed values live: their seal context, by column. */
export const connectionColumn = (rowId: string) => (column: "accessTokenEnc" | "refreshTokenEnc" | "clientSecretEnc") => ({ table: "Connection" as const, column, rowId });

/**
 * The client the connection was authorized for: its own registration, else the health system's
 * shared one (cached briefly per process: a sync pass asks for it once per connection).
 */
const sharedClient = rememberFor(30_000, getHealthSystemClient);

export async function getConnectionClient(row: Pick<ConnectionTokens, "healthSystemId" | "ownClient">): Promise<ClientCredentials | null> {
  const client = row.ownClient ?? (await sharedClient(row.healthSystemId));
  if (client?.tokenEndpointAuthMethod === "private_key_jwt" && !client.privateJwk) {
    return { ...client, privateJwk: (await getOrCreateClientKey()).privateJwk };
  }
  return client;
}

/**
 * Takes the refresh lease if the tokens are still at `expectedVersion` and nobody else holds a live
 * lease (the holder's own lease, e.g. a worker's sync claim, is re-entrant). Marks REFRESH_PENDING.
 */
export async function claimRefresh(id: string, owner: string, leaseMs: number, expectedVersion: number): Promise<boolean> {
  const now = new Date();
  const claimed = await (await db()).connection.updateMany({
    where: {
      id,
      tokenVersion: expectedVersion,
      status: "connected",
      OR: [{ leaseOwner: null }, { leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), statusReason: REFRESH_PENDING },
  });
  return claimed.count === 1;
}

/** A refresh's answer. Absent refreshToken, grantedScope, approvalExpiresAt: keep the stored ones. */
export type RotatedTokens = { accessToken: string; accessTokenExpiresAt: Date | null; refreshToken?: string; grantedScope?: string; approvalExpiresAt?: Date };

/**
 * Stores a refresh's answer if the tokens are still at `expectedVersion` (compare-and-swap). A
 * response without a refresh token keeps the old one (RFC 6749 §6). `keepLease`: the caller held
 * the lease before the refresh (a worker's sync claim) and keeps it.
 */
export async function storeRotatedTokens(
  id: string,
  expectedVersion: number,
  tokens: RotatedTokens,
  { keepLease = false }: { keepLease?: boolean } = {},
): Promise<boolean> {
  // Group-committed with the other writes of the moment (lib/data/sync-writes).
  return commitSyncWrite({
    kind: "tokens",
    id,
    expectedVersion,
    accessTokenEnc: seal(tokens.accessToken, connectionColumn(id)("accessTokenEnc")),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenEnc: tokens.refreshToken ? seal(tokens.refreshToken, connectionColumn(id)("refreshTokenEnc")) : null,
    grantedScope: tokens.grantedScope || null,
    approvalExpiresAt: tokens.approvalExpiresAt ?? null,
    keepLease,
    at: new Date(),
  });
}

/**
 * Gives the lease back after a refresh that did not store tokens. `outcomeKnown`: the EHR answered
 * (it did not rotate), so the pending mark goes back to what it was before the claim; otherwise
 * (timeout, network failure) it stays, because the EHR may have rotated.
 */
export async function releaseRefresh(
  id: string,
  owner: string,
  { outcomeKnown, previousReason, keepLease, error }: { outcomeKnown: boolean; previousReason: string | null; keepLease: boolean; error?: string },
): Promise<void> {
  const now = new Date();
  await (await db()).connection.updateMany({
    where: { id, leaseOwner: owner, status: "connected" },
    data: {
      ...(outcomeKnown && { statusReason: previousReason === REFRESH_PENDING ? REFRESH_PENDING : null }),
      ...(!keepLease && { leaseOwner: null, leaseUntil: null }),
      ...(error !== undefined && { lastError: error, lastErrorAt: now }),
    },
  });
}

/**
 * Permanent failure: the connection needs reconnecting, with the reason. The tokens and the last
 * good snapshot stay (the participant reconnects; staff see why). Emits connection.needs_reconnect
 * in the same transaction, once (only the change from connected counts).
 */
export async function markNeedsReconnect(id: string, reason: string): Promise<void> {
  await (await db()).$transaction(async (tx) => {
    const marked = await tx.connection.updateMany({
      where: { id, status: "connected" },
      data: { status: "needs_reconnect", statusReason: reason, lastError: reason, lastErrorAt: new Date(), leaseOwner: null, leaseUntil: null },
    });
    if (marked.count === 1) await emitEvent("connection.needs_reconnect", { connectionId: id }, tx);
  });
}

/** A transient failure: the status stays, the error is recorded for staff. */
export async function recordTransientError(id: string, message: string): Promise<void> {
  await (await db()).connection.update({ where: { id }, data: { lastError: message, lastErrorAt: new Date() } });
}

/** How many connections lost a refresh response (the one unavoidable loss under strict rotation). */
export async function countLostRefreshResponses(): Promise<number> {
  return (await db()).connection.count({ where: { status: "needs_reconnect", statusReason: REFRESH_LOST_REASON } });
}
