/**
 * The sync hot path on PostgreSQL: one statement per batch (arrays unnested into rows). Claims
 * take rows with FOR UPDATE SKIP LOCKED in a single short statement, so concurrent workers never
 * pick the same connection and no transaction is ever held across an EHR call.
 */
import { timeOrderedId } from "../time-ordered-id";
import type pg from "pg";
import { roundsByKey, type ClaimedConnection, type SyncSql, type SyncWrite } from "./types";

// Timestamps travel as ISO text: `timestamp(3)` keeps the UTC wall time and ignores the "Z".
const iso = (date: Date | null) => (date ? date.toISOString() : null);

const DUE = `c.status = 'connected' AND (c."lastSyncAt" IS NULL OR c."lastSyncAt" < $1::timestamp) AND (c."leaseUntil" IS NULL OR c."leaseUntil" < $2::timestamp)`;

const CLAIM = `
  WITH picked AS (
    SELECT c.id, c."statusReason" FROM "Connection" c WHERE c.id > $7 AND ${DUE}
     ORDER BY c.id LIMIT $3 FOR UPDATE SKIP LOCKED
  )
  UPDATE "Connection" c SET "leaseOwner" = $4, "leaseUntil" = $5::timestamp, "statusReason" = $6, "updatedAt" = $2::timestamp
    FROM picked p, "HealthSystem" h
   WHERE c.id = p.id AND h.id = c."healthSystemId"
  RETURNING c.id, c."healthSystemId", c."patientId", p."statusReason" AS "previousStatusReason", c."tokenVersion",
            c."accessTokenEnc", c."accessTokenExpiresAt", c."refreshTokenEnc", c."approvalExpiresAt",
            c."clientId", c."clientSecretEnc", c."clientAuthMethod", h."fhirBaseUrl", h."fhirVersion", c."grantedScope"`;

/**
 * Every kind of write in one statement (one round trip, atomic): token compare-and-swaps,
 * snapshot upserts with their lastSyncAt stamps, and releases. Kinds absent from a batch get
 * empty arrays. A statement may not touch a row twice, so each connection appears once.
 */
const WRITE = `
  WITH tok AS (
    UPDATE "Connection" c SET "accessTokenEnc" = u.access, "accessTokenExpiresAt" = u.expires,
           "refreshTokenEnc" = coalesce(u.refresh, c."refreshTokenEnc"), "grantedScope" = coalesce(u.scope, c."grantedScope"),
           "approvalExpiresAt" = coalesce(u.approval, c."approvalExpiresAt"),
           "approvalFromEhr" = c."approvalFromEhr" OR u.approval IS NOT NULL,
           "tokenVersion" = c."tokenVersion" + 1, "statusReason" = NULL, "lastRefreshAt" = u.at, "lastError" = NULL,
           "lastErrorAt" = NULL, "updatedAt" = u.at,
           "leaseOwner" = CASE WHEN u.keep THEN c."leaseOwner" END, "leaseUntil" = CASE WHEN u.keep THEN c."leaseUntil" END
      FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamp[], $5::text[], $6::text[], $7::bool[], $8::timestamp[], $9::timestamp[])
           AS u(id, version, access, expires, refresh, scope, keep, at, approval)
     WHERE c.id = u.id AND c."tokenVersion" = u.version
    RETURNING c.id
  ), snap AS (
    -- The withdrawal rule: only snapshots of connections still active, holding a share lock on the
    -- connection row (a withdrawal updates it first), so a withdrawal is wholly before or after.
    SELECT s.* FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
                         $18::text[], $19::text[], $20::timestamp[], $25::text[])
      AS s(id, connection_id, resource_json, fhir_version, display_name, search_text, gender, birth_date, city, state, fetched_at, deceased)
      JOIN "Connection" sc ON sc.id = s.connection_id JOIN "Participant" sp ON sp.id = sc."participantId"
     WHERE sc.status IN ('connected', 'needs_reconnect') AND sp.status <> 'withdrawn'
       FOR SHARE OF sc
  ), retokened AS (
    -- Snapshots whose search tokens changed (or are new): every CTE reads the rows as they were
    -- before this statement, so this compares with the stored searchText.
    SELECT s.connection_id, s.search_text FROM snap s LEFT JOIN "PatientSnapshot" p ON p."connectionId" = s.connection_id
     WHERE p."searchText" IS DISTINCT FROM s.search_text
  ), dropped_tokens AS (
    DELETE FROM "SearchToken" t USING retokened r WHERE t."connectionId" = r.connection_id AND t.source = 'record'
  ), added_tokens AS (
    INSERT INTO "SearchToken" (id, "connectionId", token, source)
    SELECT gen_random_uuid()::text, r.connection_id, tok, 'record'
      FROM retokened r, unnest(string_to_array(r.search_text, ' ')) AS tok WHERE tok <> ''
  ), saved AS (
    INSERT INTO "PatientSnapshot" (id, "connectionId", "resourceJson", "fhirVersion", "displayName", "searchText", gender, "birthDate", city, state, deceased, "fetchedAt")
    SELECT id, connection_id, resource_json, fhir_version, display_name, search_text, gender, birth_date, city, state, deceased, fetched_at FROM snap
    ON CONFLICT ("connectionId") DO UPDATE SET "resourceJson" = excluded."resourceJson", "fhirVersion" = excluded."fhirVersion",
           "displayName" = excluded."displayName", "searchText" = excluded."searchText", gender = excluded.gender,
           "birthDate" = excluded."birthDate", city = excluded.city, state = excluded.state, deceased = excluded.deceased, "fetchedAt" = excluded."fetchedAt"
  ), stamped AS (
    UPDATE "Connection" c SET "lastSyncAt" = s.fetched_at, "updatedAt" = s.fetched_at FROM snap s WHERE c.id = s.connection_id
  ), released AS (
    UPDATE "Connection" c SET "leaseOwner" = NULL, "leaseUntil" = r.not_before, "updatedAt" = r.at
      FROM unnest($21::text[], $22::text[], $23::timestamp[], $24::timestamp[]) AS r(id, owner, not_before, at)
     WHERE c.id = r.id AND c."leaseOwner" = r.owner
  )
  SELECT id, 'tokens' AS kind FROM tok UNION ALL SELECT connection_id, 'snapshot' FROM snap`;

type Write<K extends SyncWrite["kind"]> = Extract<SyncWrite, { kind: K }>;
const ofKind = <K extends SyncWrite["kind"]>(items: SyncWrite[], kind: K) => items.filter((w): w is Write<K> => w.kind === kind);
const connectionOf = (w: SyncWrite) => (w.kind === "snapshot" ? w.connectionId : w.id);

function writeParameters(items: SyncWrite[]): unknown[] {
  const t = ofKind(items, "tokens");
  const s = ofKind(items, "snapshot");
  const r = ofKind(items, "release");
  return [
    t.map((x) => x.id), t.map((x) => x.expectedVersion), t.map((x) => x.accessTokenEnc), t.map((x) => iso(x.accessTokenExpiresAt)),
    t.map((x) => x.refreshTokenEnc), t.map((x) => x.grantedScope), t.map((x) => x.keepLease), t.map((x) => iso(x.at)),
    t.map((x) => iso(x.approvalExpiresAt)),
    s.map(() => timeOrderedId()), s.map((x) => x.connectionId), s.map((x) => x.resourceJson), s.map((x) => x.fhirVersion),
    s.map((x) => x.displayName), s.map((x) => x.searchText), s.map((x) => x.gender), s.map((x) => x.birthDate),
    s.map((x) => x.city), s.map((x) => x.state), s.map((x) => iso(x.fetchedAt)),
    r.map((x) => x.id), r.map((x) => x.owner), r.map((x) => iso(x.notBefore)), r.map((x) => iso(x.at)),
    s.map((x) => x.deceased),
  ];
}

type Queryable = pg.Pool | pg.PoolClient;

/** Named, so each pooled connection parses and plans a statement once, not at every batch. */
const named = (name: string, text: string, values: unknown[]) => ({ name: `sync-sql-${name}`, text, values });

async function inTransaction<T>(pool: pg.Pool, work: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function postgresSyncSql(pool: pg.Pool): SyncSql {
  return {
    async countDue(dueBefore, now) {
      const { rows } = await pool.query<{ n: string }>(named("count-due", `SELECT count(*) AS n FROM "Connection" c WHERE ${DUE}`, [iso(dueBefore), iso(now)]));
      return Number(rows[0]?.n ?? 0);
    },

    async claimDue(input) {
      const { rows } = await pool.query<ClaimedConnection>(
        named("claim", CLAIM, [iso(input.dueBefore), iso(input.now), input.limit, input.owner, iso(input.leaseUntil), input.pendingMark, input.after]),
      );
      return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    },

    async write(items: SyncWrite[]) {
      const outcomes = items.map(() => true);
      // Usually one round; a connection written twice in the batch goes to a later round, in order.
      const rounds = roundsByKey(items, connectionOf);
      const runAll = async (q: Queryable) => {
        for (const round of rounds) {
          const { rows } = await q.query<{ id: string; kind: string }>(named("write", WRITE, writeParameters(round.map((r) => r.item))));
          const won = new Set(rows.filter((row) => row.kind === "tokens").map((row) => row.id));
          const saved = new Set(rows.filter((row) => row.kind === "snapshot").map((row) => row.id));
          for (const { item, index } of round) {
            if (item.kind === "tokens") outcomes[index] = won.has(item.id);
            else if (item.kind === "snapshot") outcomes[index] = saved.has(item.connectionId);
          }
        }
      };
      await (rounds.length === 1 ? runAll(pool) : inTransaction(pool, runAll));
      return outcomes;
    },

    async renew(id, owner, leaseUntil, now) {
      const { rowCount } = await pool.query(
        named("renew", `UPDATE "Connection" SET "leaseUntil" = $3::timestamp, "updatedAt" = $4::timestamp WHERE id = $1 AND "leaseOwner" = $2 AND status = 'connected'`, [id, owner, iso(leaseUntil), iso(now)]),
      );
      return rowCount === 1;
    },
  };
}
