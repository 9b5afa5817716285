import "server-only";
import { env } from "../env";
import { createDb, tuneDb, type Db } from "./client";
import { openSqlDriver, type SqlDriver } from "./sql";
import { exportSqlFor, type ExportSql } from "./export-sql";
import { syncSqlFor, type SyncSql } from "./sync-sql";

/** One Prisma client per process (kept across hot reloads in development). */
const globalForDb = globalThis as unknown as { portalDb?: { db: Db; ready: Promise<void> }; portalSqlDriver?: SqlDriver; portalSyncSql?: SyncSql; portalExportSql?: ExportSql };

function instance() {
  if (!globalForDb.portalDb) {
    const url = env().DATABASE_URL;
    const db = createDb(url);
    globalForDb.portalDb = { db, ready: tuneDb(db, url) };
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
  await db(); // the file is in WAL mode before a second connection opens it
  return (globalForDb.portalSyncSql ??= syncSqlFor(sqlDriver()));
}

/** The Bulk Data export's plain-SQL read (lib/db/export-sql), on the same driver; for lib/data only. */
export async function exportSql(): Promise<ExportSql> {
  await db();
  return (globalForDb.portalExportSql ??= exportSqlFor(sqlDriver()));
}

/** One plain-SQL driver per process, shared by the sync's and the export's hot paths. */
const sqlDriver = () => (globalForDb.portalSqlDriver ??= openSqlDriver(env().DATABASE_URL));

export type { Db, ExportSql, SyncSql };
