/**
 * Where the e2e servers listen and how they are configured: ports of their own (3100, 9100) so a
 * developer's `npm run dev` (3000, 9000) keeps running, a fresh SQLite file per run, and
 * test-only secrets.
 */
const portalPort = Number(process.env.E2E_PORTAL_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 9100);

const portalUrl = `http://localhost:${portalPort}`;
const sandboxUrl = `http://localhost:${sandboxPort}`;

export const E2E = {
  portalUrl,
  sandboxUrl,
  databaseUrl: process.env.E2E_DATABASE_URL ?? "file:./data/e2e/portal.db",
  sandboxEnv: { SANDBOX_PORT: String(sandboxPort), SANDBOX_PUBLIC_URL: sandboxUrl },
  portalEnv: {
    NODE_ENV: "production",
    PORT: String(portalPort),
    PORTAL_URL: portalUrl,
    AUTH_URL: portalUrl,
    SANDBOX_URL: sandboxUrl,
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e/portal.db",
    AUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
    TOKEN_ENCRYPTION_KEY: "e2e1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    NEXT_TELEMETRY_DISABLED: "1",
  },
};
