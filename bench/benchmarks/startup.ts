/**
 * Benchmark `startup`: time from process start to the first page served, for `next start` alone
 * and for `npm run start` (configuration check + migrations + next start). Builds first if needed.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { median, round, waitForStatus } from "../support/stats";

const RUNS = 5;
const PORT = 3400;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(PORT),
  DATABASE_URL: "file:./data/bench-startup/portal.db",
  AUTH_SECRET: "bench-only-secret-bench-only-secret-0000",
  TOKEN_ENCRYPTION_KEY: "b1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  // No email is sent here; production needs a server named.
  SMTP_URL: "smtp://127.0.0.1:2525",
  MAIL_FROM: "Study team <study@example.org>",
  NEXT_TELEMETRY_DISABLED: "1",
};

async function portIsClosed(): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (!(await fetch(`http://localhost:${PORT}/`, { headers: { connection: "close" } }).catch(() => null))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function timeToFirstPage(command: string, args: string[]): Promise<number> {
  // A previous server still answering would make the measurement meaningless.
  if (!(await portIsClosed())) throw new Error(`port ${PORT} is still in use`);
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: "ignore", detached: true });
  try {
    if (!(await waitForStatus(`http://localhost:${PORT}/`, 200, 60_000))) throw new Error(`${command} never served a page`);
    return performance.now() - started;
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

export async function run(): Promise<Record<string, number>> {
  if (!existsSync(".next/BUILD_ID")) spawnSync("npm", ["run", "build"], { stdio: "inherit", env });
  rmSync("data/bench-startup", { recursive: true, force: true });
  const nextStart: number[] = [];
  const npmStart: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    npmStart.push(await timeToFirstPage("npm", ["run", "start"]));
    nextStart.push(await timeToFirstPage(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(PORT)]));
  }
  return {
    nextStartMedianMs: round(median(nextStart)),
    nextStartMaxMs: round(Math.max(...nextStart)),
    npmStartMedianMs: round(median(npmStart)),
    runs: RUNS,
  };
}
