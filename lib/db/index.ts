import "server-only";
import { env } from "../env";
import { createDb, tuneDb, type Db } from "./client";
import { openSqlDriver } from "./sql";
import { syncSqlFor, type SyncSql } from "./sync-sql";

/** One Prisma client per process (kept across hot reloads in development). */
const globalForDb = globalThis as unknown as { portalDb?: { db: Db; ready: Promise<void> }; portalSyncSql?: SyncSql };

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
  return (globalForDb.portalSyncSql ??= syncSqlFor(openSqlDriver(env().DATABASE_URL)));
}

export type { Db, SyncSql };
