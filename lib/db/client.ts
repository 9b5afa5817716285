/**
 * Creates a Prisma client for DATABASE_URL on either provider. Both generated clients come from
 * the same models (prisma/models.prisma), so they share one API; we type both as the SQLite
 * client, which keeps callers to what both databases support (no `mode: "insensitive"`, say).
 * Nothing outside lib/db knows which provider runs.
 */
import { OMIT_ENCRYPTED } from "../crypto/encrypted-columns";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient, type Prisma } from "./generated/sqlite/client";
import { postgresAdapter, sqliteAdapter } from "./adapters";
import { providerOf } from "./provider";
import { FALLBACK_CHECKPOINT_PAGES, type SqliteCheckpoints } from "./wal-checkpoints";

/**
 * Every encrypted column (lib/crypto/encrypted-columns.ts) is omitted from every query unless the
 * query selects it (`select: { accessTokenEnc: true }`) or opts back in (`omit: { … : false }`):
 * only the lib/data functions that seal or open a value do.
 */
type Client = SqliteClient<never, typeof OMIT_ENCRYPTED>;

/**
 * The client inside an interactive transaction. Prisma types `tx` without the client's `omit`
 * (every encrypted column would look present and read as undefined): this type keeps it.
 */
export type DbTransaction = Omit<Client, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

type TransactionOptions = { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel };
type BatchTransaction = <P extends Prisma.PrismaPromise<unknown>[]>(batch: [...P], options?: TransactionOptions) => Promise<{ [K in keyof P]: Awaited<P[K]> }>;
type InteractiveTransaction = <R>(work: (tx: DbTransaction) => Promise<R>, options?: TransactionOptions) => Promise<R>;

export type Db = Omit<Client, "$transaction"> & { $transaction: BatchTransaction & InteractiveTransaction };
export type { Prisma } from "./generated/sqlite/client";
export type { Connection, HealthSystem, Participant, PatientSnapshot } from "./generated/sqlite/client";

export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  if (providerOf(databaseUrl) === "postgres") {
    return new PostgresClient({ adapter: postgresAdapter(databaseUrl, options.poolSize), omit: OMIT_ENCRYPTED }) as unknown as Db;
  }
  return new SqliteClient({ adapter: sqliteAdapter(databaseUrl), omit: OMIT_ENCRYPTED }) as unknown as Db;
}

/**
 * SQLite: write-ahead logging so readers never wait for the writer; with background checkpoints
 * (lib/db/wal-checkpoints.ts), this connection checkpoints only past their safety net. A no-op on
 * PostgreSQL.
 */
export async function tuneDb(db: Db, databaseUrl: string, checkpoints: SqliteCheckpoints = "inline"): Promise<void> {
  if (providerOf(databaseUrl) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  if (checkpoints === "background") await db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
}

export { providerOf };
