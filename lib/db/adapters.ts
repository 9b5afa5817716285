/**
 * Driver adapters for Prisma's WASM query compiler (no Rust engine: nothing is downloaded).
 * Used at run time by lib/db and for migrations by prisma.config.ts. Framework-free.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { providerOf, sqliteFilePath } from "./provider";
import { sqliteWriteTurn, type WriteTurn } from "./sqlite-write-turns";

/**
 * The most bound values one SQLite statement takes: better-sqlite3 12 bundles SQLite 3.53, built
 * with SQLITE_MAX_VARIABLE_NUMBER 32766 (lib/db/adapters.test.ts checks it). The adapter does not
 * report it, so Prisma assumed 999 and refused a participant search matching more connections.
 */
export const SQLITE_MAX_BIND_VALUES = 32_766;

type BetterSqliteClient = { prepare: (sql: string) => unknown };

/**
 * Interactive transactions start with BEGIN IMMEDIATE instead of the adapter's plain BEGIN. A
 * plain (deferred) transaction that reads first and writes later cannot wait for another writer
 * when it upgrades its lock: SQLite answers SQLITE_BUSY ("database is locked") at once, whatever
 * the busy timeout. Two `ehr:add` at once, or a withdrawal while the sync worker writes, failed
 * that way. IMMEDIATE takes the write lock at BEGIN, where the busy timeout applies.
 */
function beginImmediate(adapter: { client: BetterSqliteClient }): void {
  const { client } = adapter;
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
}

type Transaction = { commit(): Promise<void>; rollback(): Promise<void> };
type TransactionStarter = { startTransaction(isolationLevel?: unknown): Promise<Transaction> };

/**
 * An interactive transaction holds the process's write turn on the file (lib/db/sqlite-write-turns.ts)
 * from before BEGIN IMMEDIATE until it commits or rolls back: the plain-SQL connection's writes
 * wait for it without blocking the thread (else the thread sleeps in the busy handler while the
 * transaction it waits for cannot run, and the write fails with "database is locked").
 */
function inWriteTurn(adapter: TransactionStarter, turn: WriteTurn): void {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const release = await turn.acquire();
    let tx: Transaction;
    try {
      tx = await start(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const end = (finish: () => Promise<void>) => () => finish().finally(release);
    tx.commit = end(tx.commit.bind(tx));
    tx.rollback = end(tx.rollback.bind(tx));
    return tx;
  };
}

export function sqliteAdapter(databaseUrl: string) {
  const file = resolve(sqliteFilePath(databaseUrl));
  mkdirSync(dirname(file), { recursive: true });
  // WAL + busy timeout: the portal, the sandbox-side scripts and a worker may share the file.
  const factory = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5_000 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.getConnectionInfo = () => ({ supportsRelationJoins: false, maxBindValues: SQLITE_MAX_BIND_VALUES });
    beginImmediate(adapter as unknown as { client: BetterSqliteClient });
    inWriteTurn(adapter as unknown as TransactionStarter, sqliteWriteTurn(file));
    return adapter;
  };
  return factory;
}

export function postgresAdapter(databaseUrl: string, max = 10) {
  return new PrismaPg({ connectionString: databaseUrl, max, connectionTimeoutMillis: 5_000 });
}

export function runtimeAdapter(databaseUrl: string) {
  return providerOf(databaseUrl) === "postgres" ? postgresAdapter(databaseUrl) : sqliteAdapter(databaseUrl);
}
