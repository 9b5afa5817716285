/**
 * npm run start — the built portal (next start) in production mode. Refuses to start, naming
 * the variable, when a required secret or setting is missing; applies pending migrations first.
 */
import { migrateDatabase } from "./lib/database";
import { loadEnv } from "./lib/env-files";
import { runMain } from "./lib/fail";
import { startChild } from "./lib/children";
import { requireFreePort } from "./lib/ports";

runMain(async () => {
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  const env = loadEnv({ development: false });
  const port = Number(process.env.PORT ?? 3000);
  await requireFreePort(port, "PORT", "portal");
  await migrateDatabase(env.DATABASE_URL);
  startChild("The portal", process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
    NEXT_TELEMETRY_DISABLED: "1",
  });
});
