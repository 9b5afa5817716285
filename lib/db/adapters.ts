/**
 * Driver adapters for Prisma's WASM query compiler (no Rust engine: nothing is downloaded).
 * Used at run time by lib/db and for migrations by prisma.config.ts. Framework-free.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { providerOf, sqliteFilePath } from "./provider";

export function sqliteAdapter(databaseUrl: string) {
  const file = resolve(sqliteFilePath(databaseUrl));
  mkdirSync(dirname(file), { recursive: true });
  // WAL + busy timeout: the portal, the sandbox-side scripts and a worker may share the file.
  return new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5_000 });
}

export function postgresAdapter(databaseUrl: string, max = 10) {
  return new PrismaPg({ connectionString: databaseUrl, max, connectionTimeoutMillis: 5_000 });
}

export function runtimeAdapter(databaseUrl: string) {
  return providerOf(databaseUrl) === "postgres" ? postgresAdapter(databaseUrl) : sqliteAdapter(databaseUrl);
}
