/**
 * Creates a Prisma client for DATABASE_URL on either provider. Both generated clients come from
 * the same models (prisma/models.prisma), so they share one API; we type both as the SQLite
 * client, which keeps callers to what both databases support (no `mode: "insensitive"`, say).
 * Nothing outside lib/db knows which provider runs.
 */
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { postgresAdapter, sqliteAdapter } from "./adapters";
import { providerOf } from "./provider";

export type Db = SqliteClient;
export type { Prisma } from "./generated/sqlite/client";
export type { Connection, HealthSystem, Participant, PatientSnapshot } from "./generated/sqlite/client";

export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  if (providerOf(databaseUrl) === "postgres") {
    return new PostgresClient({ adapter: postgresAdapter(databaseUrl, options.poolSize) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: sqliteAdapter(databaseUrl) });
}

/** SQLite: write-ahead logging so readers never wait for the writer; a no-op on PostgreSQL. */
export async function tuneDb(db: Db, databaseUrl: string): Promise<void> {
  if (providerOf(databaseUrl) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

export { providerOf };
