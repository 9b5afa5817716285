import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { providerOf } from "../lib/db/provider";
import { migrate } from "../test/migrate";

/**
 * The committed migrations and prisma/models.prisma agree: a fresh database migrated with the
 * migrations alone is already in sync with the models (`prisma db push` finds nothing to do).
 * A model changed without `npm run db:migration` fails here.
 *
 * It runs on SQLite only: `prisma db push` on PostgreSQL takes a minute here (the JS schema
 * engine's pool waits out its timeouts), and `npm run db:migration` writes both providers'
 * migrations from the same models diff, so a forgotten migration shows on either.
 */
const provider = providerOf(process.env.DATABASE_URL ?? "");

describe.runIf(provider === "sqlite")("migrations", () => {
  it("produce exactly the models", async () => {
    const fresh = await freshDatabase(provider);
    try {
      migrate(fresh.url);
      const push = spawnSync("npx", ["--no-install", "prisma", "db", "push", "--skip-generate"], {
        env: { ...process.env, DATABASE_URL: fresh.url, DB_PROVIDER: provider, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
        encoding: "utf8",
      });
      expect(`${push.stdout}${push.stderr}`).toContain("already in sync");
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});

async function freshDatabase(provider: "sqlite" | "postgres"): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "portal-drift-"));
    return { url: `file:${join(dir, "drift.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.DATABASE_URL!);
  const name = `portal_drift_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
