import "server-only";
import { db } from "../db";

/**
 * The sync worker's claims on connections: leases with expiry, taken by an atomic conditional
 * update (works alike on SQLite and PostgreSQL; PostgreSQL re-checks the condition on each row it
 * updates, so two workers never both win a row). No transaction is held across an EHR call; a
 * killed worker's leases simply expire.
 */
export type SyncTarget = {
  connectionId: string;
  healthSystemId: string;
  patientId: string;
  fhirBaseUrl: string;
  fhirVersion: string | null;
};

const dueWhere = (dueBefore: Date, now: Date) => ({
  status: "connected",
  OR: [{ lastSyncAt: null }, { lastSyncAt: { lt: dueBefore } }],
  AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }],
});

/** Connections due (not synced since `dueBefore`) and not held by anyone. */
export async function countDueConnections(dueBefore: Date): Promise<number> {
  return (await db()).connection.count({ where: dueWhere(dueBefore, new Date()) });
}

export async function claimDueConnections(input: { owner: string; limit: number; leaseMs: number; dueBefore: Date }): Promise<SyncTarget[]> {
  const client = await db();
  const now = new Date();
  const candidates = await client.connection.findMany({
    where: dueWhere(input.dueBefore, now),
    select: { id: true },
    orderBy: { id: "asc" },
    take: input.limit,
  });
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.id);
  const until = new Date(now.getTime() + input.leaseMs);
  await client.connection.updateMany({
    where: { id: { in: ids }, ...dueWhere(input.dueBefore, now) },
    data: { leaseOwner: input.owner, leaseUntil: until },
  });
  const rows = await client.connection.findMany({
    where: { id: { in: ids }, leaseOwner: input.owner, leaseUntil: until },
    select: { id: true, healthSystemId: true, patientId: true, healthSystem: { select: { fhirBaseUrl: true, fhirVersion: true } } },
  });
  return rows.map(toTarget);
}

/** Extends a claim just before work starts; false when it expired and another worker took it. */
export async function renewSyncClaim(connectionId: string, owner: string, leaseMs: number): Promise<boolean> {
  const renewed = await (await db()).connection.updateMany({
    where: { id: connectionId, leaseOwner: owner, status: "connected" },
    data: { leaseUntil: new Date(Date.now() + leaseMs) },
  });
  return renewed.count === 1;
}

/** Ends a claim; `notBefore` keeps the connection out of passes until then (backoff, Retry-After). */
export async function releaseSyncClaim(connectionId: string, owner: string, notBefore?: Date): Promise<void> {
  await (await db()).connection.updateMany({
    where: { id: connectionId, leaseOwner: owner },
    data: { leaseOwner: null, leaseUntil: notBefore ?? null },
  });
}

/** One connection as the sync tasks need it (for "Refresh now"). */
export async function getSyncTarget(connectionId: string): Promise<SyncTarget | null> {
  const row = await (await db()).connection.findUnique({
    where: { id: connectionId },
    select: { id: true, healthSystemId: true, patientId: true, healthSystem: { select: { fhirBaseUrl: true, fhirVersion: true } } },
  });
  return row ? toTarget(row) : null;
}

function toTarget(row: { id: string; healthSystemId: string; patientId: string; healthSystem: { fhirBaseUrl: string; fhirVersion: string | null } }): SyncTarget {
  return {
    connectionId: row.id,
    healthSystemId: row.healthSystemId,
    patientId: row.patientId,
    fhirBaseUrl: row.healthSystem.fhirBaseUrl,
    fhirVersion: row.healthSystem.fhirVersion,
  };
}
