/**
 * The resource store on SQLite: better-sqlite3; each write is a unit that first checks its
 * connection is active and then writes, all inside an IMMEDIATE transaction. Units queued in the
 * same moment (pages of several connections, their states, their ends, and the hot path's token,
 * snapshot and release writes) are group-committed: one transaction runs them one after another,
 * each with its own check (./sqlite-commits.ts). A first pass over 1,000 connections made some 30
 * commits per connection, each rewriting the same index pages to the WAL; now the units of a
 * moment share one. A unit that fails is retried alone,
 * so a page is still stored whole or not at all, and a withdrawal is wholly before or after each
 * unit's check and write (SQLite has one writer).
 */
import type Database from "better-sqlite3";
import { fromSqliteTime, sqliteTime } from "../sql";
import type { WriteTurn } from "../sqlite-write-turns";
import { timeOrderedId } from "../time-ordered-id";
import { sqliteCommits } from "./sqlite-commits";
import { ACTIVE_CONNECTION, type RecordBatch, type RecordSql, type StateRow, type StoredMark } from "./record-types";

const positional = (sql: string) => sql.replace(/\$\d+/g, "?");

export function sqliteRecordSql(db: Database.Database, turn: WriteTurn): RecordSql {
  const active = db.prepare(positional(ACTIVE_CONNECTION));
  const isActive = (connectionId: string) => active.get(connectionId) !== undefined;
  const marks = db.prepare(
    `SELECT "resourceType", "fhirId", "versionId", "lastUpdated", "contentHash", "removedAt" IS NOT NULL AS removed
       FROM "FhirResource" WHERE "connectionId" = ? AND "resourceType" = ? AND "fhirId" IN (SELECT value FROM json_each(?))`,
  );
  const upsert = db.prepare(
    `INSERT INTO "FhirResource" (id, "connectionId", "resourceType", "fhirId", "versionId", "lastUpdated", "contentHash", "resourceJson", source, "firstSeenAt", "lastSeenAt", "changedAt", "removedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT ("connectionId", "resourceType", "fhirId") DO UPDATE SET "versionId" = excluded."versionId", "lastUpdated" = excluded."lastUpdated",
            "contentHash" = excluded."contentHash", "resourceJson" = excluded."resourceJson", "lastSeenAt" = excluded."lastSeenAt",
            "changedAt" = excluded."changedAt", "removedAt" = NULL
      WHERE "FhirResource"."contentHash" <> excluded."contentHash" OR "FhirResource"."removedAt" IS NOT NULL
         OR "FhirResource"."versionId" IS NOT excluded."versionId" OR "FhirResource"."lastUpdated" IS NOT excluded."lastUpdated"`,
  );
  const remove = db.prepare(
    `UPDATE "FhirResource" SET "removedAt" = ? WHERE "connectionId" = ? AND "resourceType" = ? AND source = 'record' AND "removedAt" IS NULL
        AND "fhirId" NOT IN (SELECT value FROM json_each(?))`,
  );
  const storedIds = db.prepare(`SELECT "resourceType" || '/' || "fhirId" FROM "FhirResource" WHERE "connectionId" = ? AND "removedAt" IS NULL AND "resourceType" IN (SELECT value FROM json_each(?))`).pluck();
  const storedTypes = db.prepare(`SELECT DISTINCT "resourceType" FROM "FhirResource" WHERE "connectionId" = ?`).pluck();
  const states = db.prepare(
    `SELECT "searchKey", "resourceType", state, cursor, "lastCompleteAt", "lastFullAt", "lastError", "lastErrorAt", "refusedCount" FROM "RecordTypeState" WHERE "connectionId" = ?`,
  );
  const writeState = db.prepare(
    `INSERT INTO "RecordTypeState" (id, "connectionId", "searchKey", "resourceType", state, cursor, "lastCompleteAt", "lastFullAt", "lastError", "lastErrorAt", "refusedCount", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("connectionId", "searchKey") DO UPDATE SET "resourceType" = excluded."resourceType", state = excluded.state, cursor = excluded.cursor,
            "lastCompleteAt" = excluded."lastCompleteAt", "lastFullAt" = excluded."lastFullAt", "lastError" = excluded."lastError",
            "lastErrorAt" = excluded."lastErrorAt", "refusedCount" = excluded."refusedCount", "updatedAt" = excluded."updatedAt"`,
  );
  const finish = db.prepare(
    `UPDATE "Connection" SET "lastSyncAt" = @at, "updatedAt" = @at, "recordSyncedAt" = CASE WHEN @complete THEN @at ELSE "recordSyncedAt" END,
            "statusReason" = CASE WHEN @clearPending AND "statusReason" = 'refresh-pending' THEN NULL ELSE "statusReason" END,
            "leaseOwner" = CASE WHEN "leaseOwner" = @releaseOwner THEN NULL ELSE "leaseOwner" END,
            "leaseUntil" = CASE WHEN "leaseOwner" = @releaseOwner THEN NULL ELSE "leaseUntil" END
      WHERE id = @connectionId`,
  );
  const held = db.prepare(
    `SELECT "resourceType" AS type, count(*) AS n FROM "FhirResource" WHERE "removedAt" IS NULL AND "connectionId" IN (SELECT value FROM json_each(?)) GROUP BY "resourceType"`,
  );
  const t = (d: Date | null) => (d ? sqliteTime(d) : null);

  const commits = sqliteCommits(db, turn);
  /** Runs `work` (writing about `rows` rows) after checking the connection is active, in an IMMEDIATE transaction shared with the other writes of the moment; a unit is all or nothing. */
  const guarded = (connectionId: string, rows: number, work: () => number) =>
    commits.commit(rows, () => (isActive(connectionId) ? { active: true, count: work() } : { active: false, count: 0 }));

  /**
   * A batch's rows, in one function made once rather than in the closure each write hands to
   * `guarded`: V8 compiled that closure's loop again after every full collection (docs/SYNC.md,
   * "closures made per call").
   */
  const writeRows = (connectionId: string, batch: RecordBatch, when: string, written: Record<string, number>, removed: Record<string, number>) => {
    // Positional values, no object per row.
    for (const { source, rows } of batch.groups)
      for (const r of rows) {
        const changes = upsert.run(timeOrderedId(), connectionId, r.resourceType, r.fhirId, r.versionId, r.lastUpdated, r.contentHash, r.json, source, when, when, when).changes;
        if (changes > 0) written[r.resourceType] = (written[r.resourceType] ?? 0) + changes;
      }
    for (const m of batch.removals) {
      const changes = remove.run(when, connectionId, m.resourceType, JSON.stringify(m.keep)).changes;
      if (changes > 0) removed[m.resourceType] = (removed[m.resourceType] ?? 0) + changes;
    }
    for (const r of batch.states)
      writeState.run(timeOrderedId(), connectionId, r.searchKey, r.resourceType, r.state, r.cursor, t(r.lastCompleteAt), t(r.lastFullAt), r.lastError, t(r.lastErrorAt), r.refusedCount, when);
  };

  return {
    async marks(connectionId, resourceType, fhirIds) {
      const rows = marks.all(connectionId, resourceType, JSON.stringify(fhirIds)) as (Omit<StoredMark, "removed"> & { removed: number })[];
      return rows.map((r) => ({ ...r, removed: r.removed === 1 }));
    },
    async write(connectionId, batch: RecordBatch, at) {
      const when = sqliteTime(at);
      const written: Record<string, number> = {};
      const removed: Record<string, number> = {};
      let size = batch.removals.length + batch.states.length;
      for (const group of batch.groups) size += group.rows.length;
      const done = await guarded(connectionId, size, () => {
        writeRows(connectionId, batch, when, written, removed);
        return size;
      });
      return done.active ? { active: true, written, removed } : { active: false, written: {}, removed: {} };
    },
    async storedIds(connectionId, resourceTypes) {
      return new Set(storedIds.all(connectionId, JSON.stringify(resourceTypes)) as string[]);
    },
    async storedTypes(connectionId) {
      return new Set(storedTypes.all(connectionId) as string[]);
    },
    async states(connectionId) {
      const rows = states.all(connectionId) as (Omit<StateRow, "lastCompleteAt" | "lastFullAt" | "lastErrorAt"> & { lastCompleteAt: string | null; lastFullAt: string | null; lastErrorAt: string | null })[];
      return rows.map((r) => ({ ...r, lastCompleteAt: fromSqliteTime(r.lastCompleteAt), lastFullAt: fromSqliteTime(r.lastFullAt), lastErrorAt: fromSqliteTime(r.lastErrorAt) }));
    },
    async finish(connectionId, input) {
      const { at, complete, clearPending, releaseOwner } = input;
      return guarded(connectionId, 1, () => finish.run({ connectionId, at: sqliteTime(at), complete: complete ? 1 : 0, clearPending: clearPending ? 1 : 0, releaseOwner }).changes);
    },
    async held(connectionIds) {
      const rows = held.all(JSON.stringify(connectionIds)) as { type: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    },
  };
}
