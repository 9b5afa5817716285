/**
 * Driver adapters for Prisma's WASM query compiler (no Rust engine: nothing is downloaded).
 * Used at run time by lib/db and for migrations by prisma.config.ts. Framework-free.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { providerOf, sqliteFilePath } from "./provider";

/**
 * The most bound values one SQLite statement takes: better-sqlite3 12 bundles SQLite 3.53, built
 * with SQLITE_MAX_VARIABLE_NUMBER 32766 (lib/db/adapters.test.ts checks it). The adapter does not
 * report it, so Prisma assumed 999 and refused a participant search matching more connections.
 */
export const SQLITE_MAX_BIND_VALUES = 32_766;

export function sqliteAdapter(databaseUrl: string) {
  const file = resolve(sqliteFilePath(databaseUrl));
  mkdirSync(dirname(file), { recursive: true });
  // WAL + busy timeout: the portal, the sandbox-side scripts and a worker may share the file.
  const factory = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5_000 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.getConnectionInfo = () => ({ supportsRelationJoins: false, maxBindValues: SQLITE_MAX_BIND_VALUES });
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
