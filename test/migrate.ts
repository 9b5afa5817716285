import { spawnSync } from "node:child_process";
import { providerOf } from "../lib/db/provider";

/** Applies the committed migrations with Prisma's CLI, exactly as `npm run db:migrate` does. */
export function migrate(databaseUrl: string): void {
  const result = spawnSync("npx", ["--no-install", "prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DB_PROVIDER: providerOf(databaseUrl) },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed for the test database:\n${result.stdout}\n${result.stderr}`);
}
