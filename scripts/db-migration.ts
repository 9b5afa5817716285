/**
 * npm run db:migration -- <name> [--from <git-ref>]
 *
 * Writes a new migration for BOTH databases from a change to prisma/models.prisma: the SQL that
 * takes the models as they were at <git-ref> (default HEAD, i.e. what the committed migrations
 * produce) to the models in the working tree. Nothing is downloaded and no database is needed:
 * Prisma diffs the two datamodels. Review the SQL, then commit it with the models.
 * `prisma/migrations.db.test.ts` checks that the migrations and the models agree.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fail } from "./lib/fail";

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--from");
const fromIndex = args.indexOf("--from");
const from = fromIndex >= 0 ? args[fromIndex + 1] : "HEAD";
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) fail("Usage: npm run db:migration -- <name: a-z, 0-9, _> [--from <git-ref>]");
if (!from) fail("--from needs a git ref");

/**
 * The JS schema engine opens its driver adapter even for a datamodel-to-datamodel diff, so the
 * PostgreSQL pass needs a server that answers (it changes nothing there): TEST_POSTGRES_URL's.
 */
function databaseFor(provider: "sqlite" | "postgres"): Record<string, string> {
  if (provider === "sqlite") return { DB_PROVIDER: provider, DATABASE_URL: `file:${join(scratch, "scratch.db")}` };
  return { DB_PROVIDER: provider, DATABASE_URL: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test" };
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const oldModels = execFileSync("git", ["show", `${from}:prisma/models.prisma`], { encoding: "utf8" });
const scratch = mkdtempSync(join(tmpdir(), "portal-migration-"));
let written = 0;
try {
  for (const provider of ["sqlite", "postgres"] as const) {
    const before = join(scratch, provider);
    mkdirSync(before);
    copyFileSync(`prisma/${provider}/schema.prisma`, join(before, "schema.prisma"));
    writeFileSync(join(before, "models.prisma"), oldModels);
    const diff = spawnSync(
      "npx",
      ["--no-install", "prisma", "migrate", "diff", "--from-schema-datamodel", before, "--to-schema-datamodel", `prisma/${provider}`, "--script"],
      { env: { ...process.env, ...databaseFor(provider), PRISMA_HIDE_UPDATE_MESSAGE: "1" }, encoding: "utf8" },
    );
    if (diff.status !== 0) fail(`prisma migrate diff (${provider}) failed:\n${diff.stdout}${diff.stderr}`);
    const sql = diff.stdout.replace(/^Loaded Prisma config.*\n+/m, "");
    if (/This is an empty migration/.test(sql) || sql.trim() === "") {
      process.stdout.write(`${provider}: the models did not change since ${from}; nothing written.\n`);
      continue;
    }
    const dir = `prisma/${provider}/migrations/${stamp}_${name}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/migration.sql`, sql);
    process.stdout.write(`${provider}: wrote ${dir}/migration.sql\n`);
    written++;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (written > 0) process.stdout.write("Review the SQL (SQLite may redefine a table to change a column), then commit it with prisma/models.prisma.\n");
