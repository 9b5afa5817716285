/**
 * Prepares the database before the portal starts: checks DATABASE_URL, checks that the server
 * answers, and applies the committed migrations (prisma migrate deploy). One plain line on failure.
 */
import { spawnSync } from "node:child_process";
import pg from "pg";
import { databaseUrlProblem, providerOf } from "../../lib/db/provider";
import { allMigrationsApplied } from "./applied-migrations";
import { fail } from "./fail";

async function checkPostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    fail(`DATABASE_URL: cannot reach the PostgreSQL database (${reason}).`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function migrateDatabase(databaseUrl: string, { quiet = true } = {}): Promise<void> {
  const problem = databaseUrlProblem(databaseUrl);
  if (problem) fail(`DATABASE_URL ${problem}.`);
  if (providerOf(databaseUrl) === "postgres") await checkPostgres(databaseUrl);
  if (quiet && (await allMigrationsApplied(databaseUrl))) return;
  const result = spawnSync("npx", ["--no-install", "prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DB_PROVIDER: providerOf(databaseUrl) },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.split("\n").filter((l) => /error|P\d{4}/i.test(l));
    fail(`DATABASE_URL: migrations could not be applied (${output[0]?.trim() ?? "prisma migrate deploy failed"}).`);
  }
  if (!quiet) process.stdout.write(result.stdout);
}
