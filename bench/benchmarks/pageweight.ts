/**
 * Benchmark `pageweight`: first-load JavaScript of every participant page (English and Spanish),
 * gzipped, from the production build served by `npm run start` (bench/support/page-weight.ts).
 * participantJsKbGz is the heaviest page; issue #13's limit is 110 kB. Builds first if needed.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { measureParticipantPages, PARTICIPANT_JS_LIMIT_KB_GZ } from "../support/page-weight";
import { waitForStatus } from "../support/stats";

const PORT = 3410;
const dataDir = "data/bench-pageweight";

export async function run(): Promise<Record<string, number>> {
  rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    PORTAL_URL: `http://localhost:${PORT}`,
    DATABASE_URL: `file:./${dataDir}/portal.db`,
    AUTH_SECRET: "bench-only-secret-bench-only-secret-0000",
    TOKEN_ENCRYPTION_KEY: "b1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
  if (!existsSync(`${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`)) spawnSync("npm", ["run", "build"], { stdio: "inherit", env });
  const child = spawn("npm", ["run", "start"], { env, stdio: "ignore", detached: true });
  try {
    if (!(await waitForStatus(`http://localhost:${PORT}/`, 200, 90_000))) throw new Error("the portal did not start");
    const weights = await measureParticipantPages(`http://localhost:${PORT}`);
    for (const w of weights) console.log(`  ${w.kbGz.toFixed(1).padStart(6)} kB  ${w.scripts.length} scripts  ${w.path}`);
    const heaviest = Math.max(...weights.map((w) => w.kbGz));
    return {
      participantJsKbGz: heaviest,
      participantJsLimitKbGz: PARTICIPANT_JS_LIMIT_KB_GZ,
      participantScriptsMax: Math.max(...weights.map((w) => w.scripts.length)),
      choosePageJsKbGz: weights.find((w) => w.path === "/connect/choose")!.kbGz,
      pagesMeasured: weights.length,
    };
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}
