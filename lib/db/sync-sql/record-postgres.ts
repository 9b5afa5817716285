/**
 * The resource store on PostgreSQL. Each write is ONE statement (one round trip, its own
 * transaction): a MATERIALIZED `active` CTE checks the connection is active and takes a share lock
 * on its row, and the write runs only when that found the row (`EXISTS (SELECT 1 FROM active)`,
 * a one-time filter evaluated before any row is written). A withdrawal updates the connection row
 * first, so the two are ordered: either the write commits before the withdrawal's deletes, or its
 * lock waits for the withdrawal and the recheck of the updated row finds it inactive (nothing written).
 * A batch (record-types.ts) is such statements in its order — the resources in one, each removal
 * in one, the states in one — and stops at the first that finds the connection inactive or fails,
 * so a state row is never written when the resources before it were not.
 *
 * Why one statement: as BEGIN / check / write / COMMIT (four round trips holding one of the plain-SQL
 * pool's connections), a 30-connection pass made 842 such writes at 22 ms each (6 of them waiting
 * for the pool), the server sitting "idle in transaction" between the round trips while the loaded
 * Node process got round to the next one; the writes alone kept the pool busy for most of the pass.
 */
import { timeOrderedId } from "../time-ordered-id";
import type pg from "pg";
import { ACTIVE_CONNECTION, type RecordBatch, type RecordSql, type StateRow, type StoredMark } from "./record-types";

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const named = (name: string, text: string, values: unknown[]) => ({ name: `record-sql-${name}`, text, values });

/** The active check ($1 the connection id), holding a share lock on the connection row. */
const ACTIVE_CTE = `active AS MATERIALIZED (${ACTIVE_CONNECTION} FOR SHARE OF c)`;

/** `write` guarded by the active check; answers whether it was active and the rows written. */
const guardedSql = (write: string) => `
  WITH ${ACTIVE_CTE},
  written AS (${write} RETURNING 1)
  SELECT (SELECT count(*) FROM active)::int AS active, (SELECT count(*) FROM written)::int AS count`;

const ONLY_IF_ACTIVE = `EXISTS (SELECT 1 FROM active)`;

/** The resources of a batch ($3… arrays, `source` per row), guarded; answers whether the connection was active and the rows written by type. */
const UPSERT_COUNTED = `
  WITH ${ACTIVE_CTE},
  written AS (
    INSERT INTO "FhirResource" (id, "connectionId", "resourceType", "fhirId", "versionId", "lastUpdated", "contentHash", "resourceJson", source, "firstSeenAt", "lastSeenAt", "changedAt", "removedAt")
    SELECT u.id, $1, u.type, u.fhir_id, u.version_id, u.last_updated, u.hash, u.json, u.source, $2::timestamp, $2::timestamp, $2::timestamp, NULL
      FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS u(id, type, fhir_id, version_id, last_updated, hash, json, source)
     WHERE ${ONLY_IF_ACTIVE}
    ON CONFLICT ("connectionId", "resourceType", "fhirId") DO UPDATE SET "versionId" = excluded."versionId", "lastUpdated" = excluded."lastUpdated",
           "contentHash" = excluded."contentHash", "resourceJson" = excluded."resourceJson", "lastSeenAt" = excluded."lastSeenAt",
           "changedAt" = excluded."changedAt", "removedAt" = NULL
     WHERE "FhirResource"."contentHash" <> excluded."contentHash" OR "FhirResource"."removedAt" IS NOT NULL
        OR "FhirResource"."versionId" IS DISTINCT FROM excluded."versionId" OR "FhirResource"."lastUpdated" IS DISTINCT FROM excluded."lastUpdated"
    RETURNING "resourceType")
  SELECT (SELECT count(*) FROM active)::int AS active,
         (SELECT json_object_agg(type, n) FROM (SELECT "resourceType" AS type, count(*)::int AS n FROM written GROUP BY 1) AS by_type) AS counts`;

const WRITE_STATES = `
  INSERT INTO "RecordTypeState" (id, "connectionId", "searchKey", "resourceType", state, cursor, "lastCompleteAt", "lastFullAt", "lastError", "lastErrorAt", "refusedCount", "updatedAt")
  SELECT gen_random_uuid()::text, $1, s.key, s.type, s.state, s.cursor, s.complete, s.full_at, s.error, s.error_at, s.refused, $2::timestamp
    FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::timestamp[], $8::timestamp[], $9::text[], $10::timestamp[], $11::int[])
         AS s(key, type, state, cursor, complete, full_at, error, error_at, refused)
   WHERE ${ONLY_IF_ACTIVE}
  ON CONFLICT ("connectionId", "searchKey") DO UPDATE SET "resourceType" = excluded."resourceType", state = excluded.state, cursor = excluded.cursor,
         "lastCompleteAt" = excluded."lastCompleteAt", "lastFullAt" = excluded."lastFullAt", "lastError" = excluded."lastError",
         "lastErrorAt" = excluded."lastErrorAt", "refusedCount" = excluded."refusedCount", "updatedAt" = excluded."updatedAt"`;

export function postgresRecordSql(pool: pg.Pool): RecordSql {
  /** One statement: the active check (holding a share lock on the connection) and the write. */
  async function guarded(name: string, write: string, values: unknown[]) {
    const { rows } = await pool.query<{ active: number; count: number }>(named(name, guardedSql(write), values));
    const row = rows[0]!;
    return { active: row.active === 1, count: row.count };
  }

  return {
    async marks(connectionId, resourceType, fhirIds) {
      const { rows } = await pool.query<StoredMark>(
        named(
          "marks",
          `SELECT "resourceType", "fhirId", "versionId", "lastUpdated", "contentHash", "removedAt" IS NOT NULL AS removed
             FROM "FhirResource" WHERE "connectionId" = $1 AND "resourceType" = $2 AND "fhirId" = ANY($3::text[])`,
          [connectionId, resourceType, fhirIds],
        ),
      );
      return rows;
    },
    async write(connectionId, batch: RecordBatch, at) {
      const written: Record<string, number> = {};
      const removed: Record<string, number> = {};
      const inactive = { active: false, written: {}, removed: {} };
      if (batch.groups.some((g) => g.rows.length > 0)) {
        // One statement may not write the same row twice: the last copy of a resource wins (as the
        // later of two writes would, one after the other).
        const rows = [...new Map(batch.groups.flatMap((g) => g.rows.map((r) => [`${r.resourceType}/${r.fhirId}`, { ...r, source: g.source }] as const))).values()];
        const { rows: answer } = await pool.query<{ active: number; counts: Record<string, number> | null }>(
          named("upsert", UPSERT_COUNTED, [
            connectionId, iso(at),
            rows.map(() => timeOrderedId()), rows.map((r) => r.resourceType), rows.map((r) => r.fhirId), rows.map((r) => r.versionId),
            rows.map((r) => r.lastUpdated), rows.map((r) => r.contentHash), rows.map((r) => r.json), rows.map((r) => r.source),
          ]),
        );
        if (answer[0]!.active !== 1) return inactive;
        Object.assign(written, answer[0]!.counts ?? {});
      }
      for (const m of batch.removals) {
        const done = await guarded(
          "remove",
          `UPDATE "FhirResource" SET "removedAt" = $2::timestamp WHERE "connectionId" = $1 AND "resourceType" = $3 AND source = 'record'
              AND "removedAt" IS NULL AND NOT ("fhirId" = ANY($4::text[])) AND ${ONLY_IF_ACTIVE}`,
          [connectionId, iso(at), m.resourceType, m.keep],
        );
        if (!done.active) return inactive;
        if (done.count > 0) removed[m.resourceType] = (removed[m.resourceType] ?? 0) + done.count;
      }
      if (batch.states.length > 0) {
        const r = batch.states;
        const done = await guarded("write-states", WRITE_STATES, [
          connectionId, iso(at),
          r.map((s) => s.searchKey), r.map((s) => s.resourceType), r.map((s) => s.state), r.map((s) => s.cursor),
          r.map((s) => iso(s.lastCompleteAt)), r.map((s) => iso(s.lastFullAt)), r.map((s) => s.lastError), r.map((s) => iso(s.lastErrorAt)),
          r.map((s) => s.refusedCount),
        ]);
        if (!done.active) return inactive;
      }
      return { active: true, written, removed };
    },
    async storedIds(connectionId, resourceTypes) {
      const { rows } = await pool.query<{ key: string }>(
        named("stored-ids", `SELECT "resourceType" || '/' || "fhirId" AS key FROM "FhirResource" WHERE "connectionId" = $1 AND "removedAt" IS NULL AND "resourceType" = ANY($2::text[])`, [connectionId, resourceTypes]),
      );
      return new Set(rows.map((r) => r.key));
    },
    async storedTypes(connectionId) {
      const { rows } = await pool.query<{ type: string }>(named("stored-types", `SELECT DISTINCT "resourceType" AS type FROM "FhirResource" WHERE "connectionId" = $1`, [connectionId]));
      return new Set(rows.map((r) => r.type));
    },
    async states(connectionId) {
      const { rows } = await pool.query<StateRow>(
        named("states", `SELECT "searchKey", "resourceType", state, cursor, "lastCompleteAt", "lastFullAt", "lastError", "lastErrorAt", "refusedCount" FROM "RecordTypeState" WHERE "connectionId" = $1`, [connectionId]),
      );
      return rows;
    },
    async finish(connectionId, input) {
      return guarded(
        "finish",
        `UPDATE "Connection" SET "lastSyncAt" = $2::timestamp, "updatedAt" = $2::timestamp,
                "recordSyncedAt" = CASE WHEN $3::bool THEN $2::timestamp ELSE "recordSyncedAt" END,
                "statusReason" = CASE WHEN $4::bool AND "statusReason" = 'refresh-pending' THEN NULL ELSE "statusReason" END,
                "leaseOwner" = CASE WHEN "leaseOwner" = $5::text THEN NULL ELSE "leaseOwner" END,
                "leaseUntil" = CASE WHEN "leaseOwner" = $5::text THEN NULL ELSE "leaseUntil" END
          WHERE id = $1 AND ${ONLY_IF_ACTIVE}`,
        [connectionId, iso(input.at), input.complete, input.clearPending, input.releaseOwner],
      );
    },
    async held(connectionIds) {
      const { rows } = await pool.query<{ type: string; n: string }>(
        named("held", `SELECT "resourceType" AS type, count(*) AS n FROM "FhirResource" WHERE "removedAt" IS NULL AND "connectionId" = ANY($1::text[]) GROUP BY "resourceType"`, [connectionIds]),
      );
      return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    },
  };
}
