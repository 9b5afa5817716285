import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { expect, test } from "@playwright/test";

/**
 * The README's first command, as a new user runs it: `npm run dev` on a fresh data folder must
 * create and migrate the SQLite database, start the sandbox EHR, and serve the landing page.
 * Own ports and folders so it runs beside the other e2e servers and a developer's own dev server.
 */
const port = 3200;
const dataDir = "data/smoke";

test("npm run dev on a fresh data folder serves the landing page", async ({ page }) => {
  rmSync(dataDir, { recursive: true, force: true });
  const dev = spawn("npm", ["run", "dev"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      SANDBOX_URL: "http://localhost:9200",
      DATABASE_URL: `file:./${dataDir}/portal.db`,
      SANDBOX_STATE_FILE: `${dataDir}/sandbox-state.json`,
      NEXT_DIST_DIR: ".next-smoke",
    },
  });
  let output = "";
  dev.stdout.on("data", (chunk) => (output += chunk));
  dev.stderr.on("data", (chunk) => (output += chunk));
  try {
    await expect
      .poll(async () => (await fetch(`http://localhost:${port}/`).catch(() => null))?.status ?? 0, {
        timeout: 150_000,
        intervals: [1_000],
        message: "npm run dev did not serve the landing page",
      })
      .toBe(200);
    await page.goto(`http://localhost:${port}/`);
    await expect(page.getByRole("link", { name: "Connect your health record" })).toBeVisible();
    expect(existsSync(`${dataDir}/portal.db`)).toBe(true);
    expect(output).toContain("Sandbox EHR");
    const sandbox = await fetch("http://localhost:9200/api/fhir/metadata");
    expect(sandbox.status).toBe(200);
  } finally {
    if (dev.pid) process.kill(-dev.pid, "SIGTERM");
    await new Promise((resolve) => dev.once("exit", resolve));
  }
});
