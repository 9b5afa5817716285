/**
 * Where the e2e servers listen and how they are configured: ports of their own (3100, 9100) so a
 * developer's `npm run dev` (3000, 9000) keeps running, a fresh SQLite file per run, and
 * test-only secrets.
 */
const portalPort = Number(process.env.E2E_PORTAL_PORT ?? 3100);
// E2E_PORTAL_PORT / E2E_SANDBOX_PORT / NEXT_DIST_DIR move a whole e2e run aside (parallel runs).
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 9100);
/** A second sandbox that keeps one live authorization per client, like the real S4S server. */
const oneLiveSandboxPort = sandboxPort + 1;
/** The sandbox's mail catcher (SMTP): 25100 beside 9100, so parallel runs on other ports keep apart. */
const smtpPort = sandboxPort + 16_000;

const portalUrl = `http://localhost:${portalPort}`;
const sandboxUrl = `http://localhost:${sandboxPort}`;
const oneLiveSandboxUrl = `http://localhost:${oneLiveSandboxPort}`;

export const E2E = {
  portalUrl,
  sandboxUrl,
  dataDir: `data/e2e-${portalPort}`,
  databaseUrl: process.env.E2E_DATABASE_URL ?? `file:./data/e2e-${portalPort}/portal.db`,
  oneLiveSandboxUrl,
  encryptionKey: "e2e1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  smtpPort,
  // SANDBOX_PATIENTS: synthetic patients (user-000001 …), so a spec can have a patient no other spec connects.
  sandboxEnv: { SANDBOX_PORT: String(sandboxPort), SANDBOX_PUBLIC_URL: sandboxUrl, SANDBOX_SMTP_PORT: String(smtpPort), SANDBOX_PATIENTS: "20" },
  oneLiveSandboxEnv: { SANDBOX_PORT: String(oneLiveSandboxPort), SANDBOX_PUBLIC_URL: oneLiveSandboxUrl, SANDBOX_ONE_LIVE_AUTH: "1", SANDBOX_SMTP_PORT: "off" },
  portalEnv: {
    NODE_ENV: "production",
    PORT: String(portalPort),
    PORTAL_URL: portalUrl,
    AUTH_URL: portalUrl,
    SANDBOX_URL: sandboxUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: "Study team <study@example.org>",
    // Reminders come due when the spec sets up their connection: look every 2 s, not every minute.
    REMINDERS_INTERVAL_SECONDS: "2",
    ALLOW_INSECURE_LOOPBACK_EHR: "1",
    // Every participant of every spec starts from 127.0.0.1, and the suite starts more than the
    // default 20 enrollments a minute from one address (and 60 at one health system): at the
    // defaults a spec now and then got "busy" after "Connect to …". The limits themselves are
    // tested in lib/enrollment/begin-attempt.db.test.ts.
    ENROLLMENT_STARTS_PER_CLIENT_PER_MINUTE: "1000",
    ENROLLMENT_STARTS_PER_HEALTH_SYSTEM_PER_MINUTE: "1000",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:./data/e2e-${portalPort}/portal.db`,
    // A separate build folder lets two e2e runs (or a developer's build) coexist.
    ...(process.env.NEXT_DIST_DIR && { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR }),
    AUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
    TOKEN_ENCRYPTION_KEY: "e2e1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    NEXT_TELEMETRY_DISABLED: "1",
  },
};
