/**
 * Starts the built portal (`npm run start`) against a sandbox for a benchmark: its own port,
 * a fresh SQLite file, bench-only secrets; adds the sandbox's S4S profile as a health system.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { waitForStatus } from "./stats";

export type RunningPortal = { url: string; env: NodeJS.ProcessEnv; stop(): Promise<void> };

/** The environment of a built portal run by a benchmark or the reliability run (test-only secrets). */
export function localPortalEnv({ port, sandboxUrl, dataDir }: { port: number; sandboxUrl: string; dataDir: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    PORTAL_URL: `http://localhost:${port}`,
    SANDBOX_URL: sandboxUrl,
    // No email is sent in these runs (no participant gives an address); production needs a server named.
    SMTP_URL: "smtp://127.0.0.1:2525",
    MAIL_FROM: "Study team <study@example.org>",
    ALLOW_INSECURE_LOOPBACK_EHR: "1",
    DATABASE_URL: `file:./${dataDir}/portal.db`,
    AUTH_SECRET: "bench-only-secret-bench-only-secret-0000",
    TOKEN_ENCRYPTION_KEY: "b1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    // Hundreds of simulated participants enroll from this one machine's address, to one health
    // system, within a minute: the per-client and per-health-system limits are for real traffic.
    ENROLLMENT_STARTS_PER_CLIENT_PER_MINUTE: "1000000",
    ENROLLMENT_STARTS_PER_HEALTH_SYSTEM_PER_MINUTE: "1000000",
  };
}

export async function startPortal({ port, sandboxUrl, name }: { port: number; sandboxUrl: string; name: string }): Promise<RunningPortal> {
  const dataDir = `data/bench-${name}`;
  rmSync(dataDir, { recursive: true, force: true });
  const url = `http://localhost:${port}`;
  const env = localPortalEnv({ port, sandboxUrl, dataDir });
  if (!existsSync(`${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`)) spawnSync("npm", ["run", "build"], { stdio: "inherit", env });
  if (await fetch(url, { headers: { connection: "close" } }).catch(() => null)) throw new Error(`port ${port} is already in use`);
  const child: ChildProcess = spawn("npm", ["run", "start"], { env, stdio: "ignore", detached: true });
  const stop = async () => {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };
  if (!(await waitForStatus(`${url}/`, 200, 90_000))) {
    await stop();
    throw new Error("the portal did not start");
  }
  // Not spawnSync: the sandbox may run in this very process and must keep answering.
  const adder = spawn("npm", ["run", "--silent", "ehr:add", "--", `${sandboxUrl}/api/fhir`, "--name", "S4S Bench Hospital"], { env });
  let stderr = "";
  adder.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => adder.once("exit", resolve));
  if (code !== 0) {
    await stop();
    throw new Error(`ehr:add failed: ${stderr}`);
  }
  return { url, env, stop };
}
