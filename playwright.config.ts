import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/servers";

/**
 * End-to-end tests drive Debian's Chromium (no browser download) against the built portal
 * (`next build` then `npm run start`) and the sandbox EHR, both started here on their own ports
 * so a running `npm run dev` is not disturbed.
 */
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E.portalUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /smoke-dev/ },
    { name: "phone", use: { ...devices["Pixel 7"] }, testMatch: /\/(landing|staff-view)\.spec\.ts$/ },
    { name: "smoke-dev", testMatch: /smoke-dev/, timeout: 180_000 },
  ],
  webServer: [
    {
      command: "node --import tsx sandbox/main.ts",
      url: `${E2E.sandboxUrl}/api/fhir/metadata`,
      env: E2E.sandboxEnv,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "node --import tsx sandbox/main.ts",
      url: `${E2E.oneLiveSandboxUrl}/api/fhir/metadata`,
      env: E2E.oneLiveSandboxEnv,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The portal's log is kept, so the last spec can scan it for tokens and patient data.
      command: `rm -rf ${E2E.dataDir} && mkdir -p ${E2E.dataDir} && npm run start 2>&1 | tee ${E2E.dataDir}/portal.log`,
      url: E2E.portalUrl,
      env: E2E.portalEnv,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
