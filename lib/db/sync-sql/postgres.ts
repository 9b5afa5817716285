/**
 * The sync hot path on PostgreSQL: one statement per batch (arrays unnested into rows). Claims
 * take rows with FOR UPDATE SKIP LOCKED in a single short statement, so concurrent workers never
 * pick the same connection and no transaction is ever held across an EHR call.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { roundsByKey, type ClaimedConnection, type ClaimRelease, type SnapshotWrite, type SyncSql, type TokenWrite } from "./types";

// Timestamps travel as ISO text: `timestamp(3)` keeps the UTC wall time and ignores the "Z".
const iso = (date: Date | null) => (date ? date.toISOString() : null);

const DUE = `c.status = 'connected' AND (c."lastSyncAt" IS NULL OR c."lastSyncAt" < $1::timestamp) AND (c."leaseUntil" IS NULL OR c."leaseUntil" < $2::timestamp)`;

const CLAIM = `
  WITH picked AS (
    SELECT c.id, c."statusReason" FROM "Connection" c WHERE ${DUE}
     ORDER BY c.id LIMIT $3 FOR UPDATE SKIP LOCKED
  )
  UPDATE "Connection" c SET "leaseOwner" = $4, "leaseUntil" = $5::timestamp, "statusReason" = $6, "updatedAt" = $2::timestamp
    FROM picked p, "HealthSystem" h
   WHERE c.id = p.id AND h.id = c."healthSystemId"
  RETURNING c.id, c."healthSystemId", c."patientId", p."statusReason" AS "previousStatusReason", c."tokenVersion",
            c."accessTokenEnc", c."accessTokenExpiresAt", c."refreshTokenEnc", c."approvalExpiresAt",
            c."clientId", c."clientSecretEnc", c."clientAuthMethod", h."fhirBaseUrl", h."fhirVersion"`;

const STORE_TOKENS = `
  UPDATE "Connection" c SET "accessTokenEnc" = u.access, "accessTokenExpiresAt" = u.expires,
         "refreshTokenEnc" = coalesce(u.refresh, c."refreshTokenEnc"), "grantedScope" = coalesce(u.scope, c."grantedScope"),
         "tokenVersion" = c."tokenVersion" + 1, "statusReason" = NULL, "lastRefreshAt" = u.at, "lastError" = NULL,
         "lastErrorAt" = NULL, "updatedAt" = u.at,
         "leaseOwner" = CASE WHEN u.keep THEN c."leaseOwner" END, "leaseUntil" = CASE WHEN u.keep THEN c."leaseUntil" END
    FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamp[], $5::text[], $6::text[], $7::bool[], $8::timestamp[])
         AS u(id, version, access, expires, refresh, scope, keep, at)
   WHERE c.id = u.id AND c."tokenVersion" = u.version
  RETURNING c.id`;

const SAVE_SNAPSHOTS = `
  WITH u AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                         $9::text[], $10::text[], $11::timestamp[])
      AS u(id, connection_id, resource_json, fhir_version, display_name, search_text, gender, birth_date, city, state, fetched_at)
  ), saved AS (
    INSERT INTO "PatientSnapshot" (id, "connectionId", "resourceJson", "fhirVersion", "displayName", "searchText", gender, "birthDate", city, state, "fetchedAt")
    SELECT id, connection_id, resource_json, fhir_version, display_name, search_text, gender, birth_date, city, state, fetched_at FROM u
    ON CONFLICT ("connectionId") DO UPDATE SET "resourceJson" = excluded."resourceJson", "fhirVersion" = excluded."fhirVersion",
           "displayName" = excluded."displayName", "searchText" = excluded."searchText", gender = excluded.gender,
           "birthDate" = excluded."birthDate", city = excluded.city, state = excluded.state, "fetchedAt" = excluded."fetchedAt"
  )
  UPDATE "Connection" c SET "lastSyncAt" = u.fetched_at, "updatedAt" = u.fetched_at FROM u WHERE c.id = u.connection_id`;

const RELEASE_CLAIMS = `
  UPDATE "Connection" c SET "leaseOwner" = NULL, "leaseUntil" = u.not_before, "updatedAt" = u.at
    FROM unnest($1::text[], $2::text[], $3::timestamp[], $4::timestamp[]) AS u(id, owner, not_before, at)
   WHERE c.id = u.id AND c."leaseOwner" = u.owner`;

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Connection" c WHERE ${DUE}`, [iso(dueBefore), iso(now)]);
      return Number(rows[0]?.n ?? 0);
    },

    async claimDue(input) {
      const { rows } = await pool.query<ClaimedConnection>(CLAIM, [
        iso(input.dueBefore), iso(input.now), input.limit, input.owner, iso(input.leaseUntil), input.pendingMark,
      ]);
      return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    },

    async writeTokens(items: TokenWrite[]) {
      const stored = items.map(() => false);
      // A connection twice in one batch (two compare-and-swaps) goes in separate statements, in order.
      const rounds = roundsByKey(items, (t) => t.id);
      const run = async (q: pg.Pool | pg.PoolClient) => {
        for (const round of rounds) {
          const t = round.map((r) => r.item);
          const { rows } = await q.query<{ id: string }>(STORE_TOKENS, [
            t.map((x) => x.id), t.map((x) => x.expectedVersion), t.map((x) => x.accessTokenEnc), t.map((x) => iso(x.accessTokenExpiresAt)),
            t.map((x) => x.refreshTokenEnc), t.map((x) => x.grantedScope), t.map((x) => x.keepLease), t.map((x) => iso(x.at)),
          ]);
          const won = new Set(rows.map((r) => r.id));
          for (const { item, index } of round) stored[index] = won.has(item.id);
        }
      };
      await (rounds.length === 1 ? run(pool) : inTransaction(pool, run));
      return stored;
    },

    async writeSnapshots(items: SnapshotWrite[]) {
      const rounds = roundsByKey(items, (s) => s.connectionId);
      const run = async (q: pg.Pool | pg.PoolClient) => {
        for (const round of rounds) {
          const s = round.map((r) => r.item);
          await q.query(SAVE_SNAPSHOTS, [
            s.map(() => randomUUID()), s.map((x) => x.connectionId), s.map((x) => x.resourceJson), s.map((x) => x.fhirVersion),
            s.map((x) => x.displayName), s.map((x) => x.searchText), s.map((x) => x.gender), s.map((x) => x.birthDate),
            s.map((x) => x.city), s.map((x) => x.state), s.map((x) => iso(x.fetchedAt)),
          ]);
        }
      };
      await (rounds.length === 1 ? run(pool) : inTransaction(pool, run));
      return items.map(() => undefined);
    },

    async releaseClaims(items: ClaimRelease[]) {
      const rounds = roundsByKey(items, (r) => r.id);
      const run = async (q: pg.Pool | pg.PoolClient) => {
        for (const round of rounds) {
          const r = round.map((x) => x.item);
          await q.query(RELEASE_CLAIMS, [r.map((x) => x.id), r.map((x) => x.owner), r.map((x) => iso(x.notBefore)), r.map((x) => iso(x.at))]);
        }
      };
      await (rounds.length === 1 ? run(pool) : inTransaction(pool, run));
      return items.map(() => undefined);
    },
  };
}
