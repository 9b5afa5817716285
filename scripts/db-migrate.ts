/** npm run db:migrate — applies the committed migrations to DATABASE_URL (SQLite file by default). */
import { migrateDatabase } from "./lib/database";
import { loadEnv } from "./lib/env-files";
import { runMain } from "./lib/fail";

runMain(async () => {
  const env = loadEnv({ development: process.env.NODE_ENV !== "production" });
  await migrateDatabase(env.DATABASE_URL, { quiet: false });
});
