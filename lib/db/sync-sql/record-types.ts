/**
 * The resource store's writes (FhirResource, RecordTypeState) in plain SQL, beside the sync's hot
 * path. The withdrawal rule: every write checks, in the same transaction (PostgreSQL: holding a
 * share lock on the connection row, which a withdrawal must update first), that the connection is
 * still active: connected or needs_reconnect, and its participant not withdrawn. A write that loses
 * that race writes nothing and says so.
 */

/** A resource as fetched, ready to store. */
export type ResourceRow = { resourceType: string; fhirId: string; versionId: string | null; lastUpdated: string | null; contentHash: string; json: string };

/** What is stored of a resource, to tell whether a fetched one changed. */
export type StoredMark = { resourceType: string; fhirId: string; versionId: string | null; lastUpdated: string | null; contentHash: string; removed: boolean };

export type StateRow = {
  searchKey: string;
  resourceType: string;
  state: string;
  cursor: string | null;
  lastCompleteAt: Date | null;
  lastFullAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  refusedCount: number;
};

/** false: the connection is no longer active (withdrawn, or gone); nothing was written. */
export type Written = { active: boolean; count: number };

/** Resources stored together and how they were found: "record" (searched) or "reference" (the record points at it). */
export type RowGroup = { source: string; rows: ResourceRow[] };

/**
 * One connection's writes of a moment, in the order they are made: the resources (already known to
 * be new or changed), then the removal marks (per type: its stored record resources not in `keep`),
 * then the state rows. A state row never lands before the resources it reports on.
 */
export type RecordBatch = { groups: RowGroup[]; removals: { resourceType: string; keep: string[] }[]; states: StateRow[] };

/** Resources written and marked removed, by type. `active` false: the connection is no longer active, and what is not counted was not written. */
export type BatchWritten = { active: boolean; written: Record<string, number>; removed: Record<string, number> };

export interface RecordSql {
  /** The stored marks of these resources (one type), removed ones included. */
  marks(connectionId: string, resourceType: string, fhirIds: string[]): Promise<StoredMark[]>;
  /**
   * Writes the batch in its order, each part after checking the connection is still active. SQLite:
   * one transaction (all or nothing). PostgreSQL: one statement each for the resources, each
   * removal and the states, in that order, stopping at the first that finds the connection inactive.
   */
  write(connectionId: string, batch: RecordBatch, at: Date): Promise<BatchWritten>;
  /** The connection's ids stored for these types (not removed), to skip re-reading referenced resources. */
  storedIds(connectionId: string, resourceTypes: string[]): Promise<Set<string>>;
  /** The types the connection has anything stored of (removed resources included). */
  storedTypes(connectionId: string): Promise<Set<string>>;
  states(connectionId: string): Promise<StateRow[]>;
  /**
   * The end of a connection's sync: lastSyncAt (and recordSyncedAt when `complete`) stamped; a
   * refresh-pending mark the claim set is cleared when no refresh was sent (`clearPending`); the
   * claim of `releaseOwner` (a worker), when it still holds it, ended in the same statement.
   */
  finish(connectionId: string, input: { at: Date; complete: boolean; clearPending: boolean; releaseOwner: string | null }): Promise<Written>;
  /** Resources held (not removed) by type, over these connections. */
  held(connectionIds: string[]): Promise<Record<string, number>>;
}

export const ACTIVE_CONNECTION = `SELECT c.id FROM "Connection" c JOIN "Participant" p ON p.id = c."participantId"
  WHERE c.id = $1 AND c.status IN ('connected', 'needs_reconnect') AND p.status <> 'withdrawn'`;
