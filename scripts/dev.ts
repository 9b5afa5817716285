/**
 * npm run dev — the portal (next dev) and the sandbox EHR side by side, on the SQLite default.
 * Generates development secrets on first run, creates and migrates the database, and registers
 * the sandbox's two profiles as health systems. The sync worker runs beside them (npm run worker).
 */
import { mkdirSync } from "node:fs";
import { migrateDatabase } from "./lib/database";
import { loadEnv } from "./lib/env-files";
import { runMain } from "./lib/fail";
import { startChild } from "./lib/children";
import { requireFreePort, waitForHttp } from "./lib/ports";
import { prepareDevelopmentData, prepareDevelopmentStaff } from "./lib/dev-data";

runMain(async () => {
  const port = Number(process.env.PORT ?? 3000);
  // Callbacks registered at the EHRs are built from PORTAL_URL: follow PORT unless it is set.
  process.env.PORTAL_URL ??= `http://localhost:${port}`;
  const env = loadEnv({ development: true });
  const sandboxPort = Number(new URL(env.SANDBOX_URL).port || 9000);
  // Email goes to the sandbox's mail catcher (inbox at <sandbox>/_mail) unless SMTP_URL names a server.
  const smtpPort = process.env.SANDBOX_SMTP_PORT ?? "2525";
  if (!env.SMTP_URL && smtpPort !== "off") process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  await requireFreePort(port, "PORT", "portal");
  await requireFreePort(sandboxPort, "SANDBOX_PORT", "sandbox EHR");
  mkdirSync("data", { recursive: true });
  await migrateDatabase(env.DATABASE_URL);
  await prepareDevelopmentStaff(env.PORTAL_URL);

  startChild("The sandbox EHR", process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_SMTP_PORT: smtpPort,
    SANDBOX_STATE_FILE: process.env.SANDBOX_STATE_FILE ?? "data/sandbox-state.json",
  });
  if (!(await waitForHttp(`${env.SANDBOX_URL}/api/fhir/metadata`, 30_000))) {
    console.error(`The sandbox EHR did not answer at ${env.SANDBOX_URL}; the portal starts anyway.`);
  } else {
    await prepareDevelopmentData(env);
  }

  // next dev, behind the portal's own server (it decides the client's address: scripts/portal-server.ts).
  startChild("The portal", process.execPath, ["--import", "tsx", "scripts/portal-server.ts", "--dev"], {
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  });
  startChild("The sync worker", process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"]);
  console.log(`\nPortal: http://localhost:${port}   Sandbox EHR: ${env.SANDBOX_URL}   Emails: ${process.env.SMTP_URL === `smtp://127.0.0.1:${smtpPort}` ? `${env.SANDBOX_URL}/_mail` : (process.env.SMTP_URL ?? "not sent (SMTP_URL)")}\n`);
});
