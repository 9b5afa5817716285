import "server-only";
import { env } from "../env";
import { createDb, tuneDb, type Db } from "./client";

/** One Prisma client per process (kept across hot reloads in development). */
const globalForDb = globalThis as unknown as { portalDb?: { db: Db; ready: Promise<void> } };

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

export type { Db };
