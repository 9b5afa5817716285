/**
 * Prisma CLI configuration. The provider follows DATABASE_URL (postgresql:// → PostgreSQL, else
 * SQLite), or DB_PROVIDER when `db:generate` generates both clients. Migrations run through the
 * JavaScript schema engine with a driver adapter, so nothing is downloaded.
 */
import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./lib/db/prisma-workarounds";
import { DEFAULT_DATABASE_URL, providerOf, type DbProvider } from "./lib/db/provider";

const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const provider: DbProvider = (process.env.DB_PROVIDER as DbProvider | undefined) ?? providerOf(databaseUrl);
const adapterUrl =
  provider === providerOf(databaseUrl)
    ? databaseUrl
    : provider === "postgres"
      ? "postgresql://localhost:5432/unused"
      : DEFAULT_DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${provider}`,
  migrations: { path: `prisma/${provider}/migrations` },
  adapter: async () => migrationAdapter(adapterUrl),
});
