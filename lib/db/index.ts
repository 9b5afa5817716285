import "server-only";
import { env } from "../env";
import { createDb, tuneDb, type Db } from "./client";
import { providerOf, type DbProvider } from "./provider";
import { openSqlDriver, type SqlDriver } from "./sql";
import { exportSqlFor, type ExportSql } from "./export-sql";
import { readRecordResources as readRecordResourcesOn, type StoredResourceRow } from "./record-sql";
import { recordSqlFor, syncSqlFor, type RecordSql, type SyncSql } from "./sync-sql";

/** One Prisma client per process (kept across hot reloads in development). */
const globalForDb = globalThis as unknown as { portalDb?: { db: Db; ready: Promise<void> }; portalSqlDriver?: SqlDriver; portalRecordDriver?: SqlDriver; portalSyncSql?: SyncSql; portalRecordSql?: RecordSql; portalExportSql?: ExportSql };

function instance() {
  if (!globalForDb.portalDb) {
    const url = env().DATABASE_URL;
    const db = createDb(url);
    globalForDb.portalDb = { db, ready: tuneDb(db, url, env().SQLITE_CHECKPOINTS) };
  }
  return globalForDb.portalDb;
}

/** The database client, for lib/ data-access modules only (they check the caller first). */
export async function db(): Promise<Db> {
  const { db, ready } = instance();
  await ready;
  return db;
}

/**
 * The sync worker's plain-SQL hot path (claims, token writes, snapshots) on the same database;
 * for lib/data only. Opened on first use, so processes that never sync never open it.
 */
export async function syncSql(): Promise<SyncSql> {
  return (globalForDb.portalSyncSql ??= syncSqlFor(await sqlDriver()));
}

/**
 * The resource store's writes (lib/db/sync-sql/record-types.ts); for lib/data only. On PostgreSQL
 * a pool of its own whose commits do not wait for the WAL flush (lib/db/sql.ts, relaxedCommit):
 * a pass makes ~27 of these small guarded writes per connection, and each waiting for its own
 * flush on the shared 4-connection pool left claims, token writes and releases queued behind them.
 * On SQLite the same driver as the sync's (one writer anyway).
 */
export async function recordSql(): Promise<RecordSql> {
  return (globalForDb.portalRecordSql ??= recordSqlFor(await recordDriver()));
}

async function recordDriver(): Promise<SqlDriver> {
  if (dbProvider() === "sqlite") return sqlDriver();
  await db();
  return (globalForDb.portalRecordDriver ??= openSqlDriver(env().DATABASE_URL, { relaxedCommit: true }));
}

/** The Bulk Data export's plain-SQL read (lib/db/export-sql), on the same driver; for lib/data only. */
export async function exportSql(): Promise<ExportSql> {
  return (globalForDb.portalExportSql ??= exportSqlFor(await sqlDriver()));
}

/** The plain-SQL connection beside Prisma's (one per process, shared by the sync's, the export's and the record page's reads), opened on first use. */
async function sqlDriver(): Promise<SqlDriver> {
  await db(); // the file is in WAL mode before a second connection opens it
  return (globalForDb.portalSqlDriver ??= openSqlDriver(env().DATABASE_URL, { checkpoints: env().SQLITE_CHECKPOINTS }));
}

/** A connection's stored resources (not removed), for the record page: plain SQL, see lib/db/record-sql.ts. */
export async function readRecordResources(connectionId: string): Promise<StoredResourceRow[]> {
  return readRecordResourcesOn(await sqlDriver(), connectionId);
}

/** Which database runs (for the few plain-SQL queries whose placeholders differ). */
export const dbProvider = (): DbProvider => providerOf(env().DATABASE_URL);

export { searchConnectionPage, type SearchPageInput } from "./search-sql";
export type { StoredResourceRow } from "./record-sql";
export type { Db, ExportSql, RecordSql, SyncSql };
export type { BatchWritten, RecordBatch, ResourceRow, RowGroup, StateRow, StoredMark } from "./sync-sql";
