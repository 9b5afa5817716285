import "server-only";
import { db, syncSql } from "../db";
import { commitSyncWrite } from "./sync-writes";
import { REFRESH_PENDING, toConnectionTokens, type ConnectionTokens } from "./connection-tokens";
import { announceFirstSync } from "./first-sync-signal";

/**
 * The sync worker's claims on connections: leases with expiry, a batch at a time, taken in one
 * short statement (SQLite: under the write lock; PostgreSQL: FOR UPDATE SKIP LOCKED), so two
 * workers never win the same row. No transaction is held across an EHR call; a killed worker's
 * leases simply expire. Claims and releases use the plain-SQL path (lib/db/sync-sql).
 */
export type SyncTarget = {
  connectionId: string;
  healthSystemId: string;
  patientId: string;
  fhirBaseUrl: string;
  fhirVersion: string | null;
  /** The scope the EHR granted (lib/fhir/record-fetch/grant.ts reads it). */
  grantedScope: string | null;
};

/**
 * A claimed connection: where to sync it from, and its tokens (the claim holds the refresh lease),
 * or why they could not be opened (a key no longer configured): that connection fails alone.
 */
export type ClaimedSync = { target: SyncTarget } & ({ tokens: ConnectionTokens } | { tokens: null; problem: string });

/** Connections due (not synced since `dueBefore`) and not held by anyone. */
export async function countDueConnections(dueBefore: Date): Promise<number> {
  return (await syncSql()).countDue(dueBefore, new Date());
}

/**
 * Leases up to `limit` due connections to `owner` in one statement and marks their refresh
 * pending (the worker refreshes each right away; see REFRESH_PENDING). `after`: only ids that
 * sort after it, so a pass moves through the table instead of rescanning what it has done.
 */
export async function claimDueConnections(input: { owner: string; limit: number; leaseMs: number; dueBefore: Date; after?: string }): Promise<ClaimedSync[]> {
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + input.leaseMs);
  const rows = await (await syncSql()).claimDue({ owner: input.owner, limit: input.limit, leaseUntil, dueBefore: input.dueBefore, now, pendingMark: REFRESH_PENDING, after: input.after ?? "" });
  return rows.map((row) => {
    const target = { connectionId: row.id, healthSystemId: row.healthSystemId, patientId: row.patientId, fhirBaseUrl: row.fhirBaseUrl, fhirVersion: row.fhirVersion, grantedScope: row.grantedScope };
    try {
      return { target, tokens: toConnectionTokens({ ...row, status: "connected", statusReason: row.previousStatusReason, leaseOwner: input.owner, leaseUntil }) };
    } catch (error) {
      return { target, tokens: null, problem: error instanceof Error ? error.message : String(error) };
    }
  });
}

/**
 * Extends a claim just before work starts and while a record is fetched; false when it expired and
 * another worker took it. One plain-SQL statement: through Prisma it was BEGIN / UPDATE / COMMIT,
 * holding the connection row's lock across round trips of a loaded process while the connection's
 * own guarded resource writes (FOR SHARE on that row) waited for it.
 */
export async function renewSyncClaim(connectionId: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  return (await syncSql()).renew(connectionId, owner, new Date(now.getTime() + leaseMs), now);
}

/** Ends a claim; `notBefore` keeps the connection out of passes until then (backoff, Retry-After). */
export async function releaseSyncClaim(connectionId: string, owner: string, notBefore?: Date): Promise<void> {
  await commitSyncWrite({ kind: "release", id: connectionId, owner, notBefore: notBefore ?? null, at: new Date() });
}

/** One connection as the sync tasks need it (for "Refresh now"). */
export async function getSyncTarget(connectionId: string): Promise<SyncTarget | null> {
  const row = await (await db()).connection.findUnique({
    where: { id: connectionId },
    select: { id: true, healthSystemId: true, patientId: true, grantedScope: true, healthSystem: { select: { fhirBaseUrl: true, fhirVersion: true } } },
  });
  return row ? toTarget(row) : null;
}

function toTarget(row: { id: string; healthSystemId: string; patientId: string; grantedScope: string | null; healthSystem: { fhirBaseUrl: string; fhirVersion: string | null } }): SyncTarget {
  return {
    grantedScope: row.grantedScope,
    connectionId: row.id,
    healthSystemId: row.healthSystemId,
    patientId: row.patientId,
    fhirBaseUrl: row.healthSystem.fhirBaseUrl,
    fhirVersion: row.healthSystem.fhirVersion,
  };
}

/**
 * The first sync of a new or reconnected connection, queued: due at once (lastSyncAt cleared) and
 * the previous failure's hold-back (a not-before in leaseUntil) lifted, unless a worker holds a
 * live claim on it right now (then it stays with that worker). Workers in other processes hear of
 * it at once (lib/data/first-sync-signal.ts).
 */
export async function queueFirstSync(connectionId: string): Promise<void> {
  const client = await db();
  await client.connection.updateMany({ where: { id: connectionId, status: "connected", leaseOwner: null }, data: { lastSyncAt: null, leaseUntil: null } });
  await client.connection.updateMany({ where: { id: connectionId, status: "connected", leaseOwner: { not: null } }, data: { lastSyncAt: null } });
  // A reconnect starts a new first sync: the participant's progress counts it from the start
  // (searches of the last pass are pending again; their cursors and last errors stay).
  await client.recordTypeState.updateMany({ where: { connectionId, connection: { status: "connected" } }, data: { state: "pending" } });
  await announceFirstSync();
}

/** True when a connected connection has never been synced and nobody holds it: the worker should run a pass now. */
export async function hasFirstSyncWaiting(): Promise<boolean> {
  const now = new Date();
  const row = await (await db()).connection.findFirst({
    where: { status: "connected", lastSyncAt: null, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { id: true },
  });
  return row !== null;
}
