/**
 * Whether every committed migration is already applied, read straight from Prisma's own
 * `_prisma_migrations` table. Lets `npm run start` skip the Prisma CLI (a few seconds) when there
 * is nothing to do; any doubt (no table, unreadable database) means "run the CLI".
 */
import Database from "better-sqlite3";
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import { providerOf, sqliteFilePath } from "../../lib/db/provider";

function committedMigrations(databaseUrl: string): string[] {
  const dir = `prisma/${providerOf(databaseUrl)}/migrations`;
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

const QUERY = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

async function appliedMigrations(databaseUrl: string): Promise<Set<string>> {
  if (providerOf(databaseUrl) === "sqlite") {
    const file = resolve(sqliteFilePath(databaseUrl));
    if (!existsSync(file)) return new Set();
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return new Set((db.prepare(QUERY).all() as { migration_name: string }[]).map((r) => r.migration_name));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return new Set((await client.query<{ migration_name: string }>(QUERY)).rows.map((r) => r.migration_name));
  } finally {
    await client.end();
  }
}

export async function allMigrationsApplied(databaseUrl: string): Promise<boolean> {
  try {
    const applied = await appliedMigrations(databaseUrl);
    return committedMigrations(databaseUrl).every((name) => applied.has(name));
  } catch {
    return false;
  }
}
