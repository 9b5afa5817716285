/**
 * npm run start — the built portal (next start) in production mode. Refuses to start, naming
 * the variable, when a required secret or setting is missing (SMTP_URL and MAIL_FROM included); applies pending migrations first,
 * then serves the build through scripts/portal-server.ts.
 */
import { migrateDatabase } from "./lib/database";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";
import { productionMailProblem } from "../lib/config/env-schema";
import { startChild } from "./lib/children";
import { requireFreePort } from "./lib/ports";

runMain(async () => {
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  const env = loadEnv({ development: false });
  const mailProblem = productionMailProblem(process.env);
  if (mailProblem) fail(mailProblem);
  const port = Number(process.env.PORT ?? 3000);
  await requireFreePort(port, "PORT", "portal");
  await migrateDatabase(env.DATABASE_URL);
  // next start, behind the portal's own server (it decides the client's address: scripts/portal-server.ts).
  startChild("The portal", process.execPath, ["--import", "tsx", "scripts/portal-server.ts"], {
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  });
});
