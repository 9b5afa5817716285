/**
 * The `record` benchmark's rate check: the sandbox's health system limited to 20 requests a
 * second (requestsPerMinute 1,200), a backlog of connections, and the sandbox counting what
 * arrives each second. Held = the most in any one second; use = the mean over 15 s ÷ 20 (the
 * first 2 s, while the worker starts up, left out).
 */
import type { ChildProcess } from "node:child_process";
import { startSandbox } from "../../sandbox/server";
import { loadAverage, resetSandboxStats, sandboxStats, scratchSqlite, workerEnv } from "../support/bench-env";
import { runPass } from "../support/pass-runner";
import { round } from "../support/stats";
import { seedConnections } from "./sync-seed";

const PER_SECOND = 20;
const WINDOW_S = 15;
const SKIP_S = 2;

export async function rateLimit(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 0, quiet: true, syntheticPatients: 200, recordSize: 60 });
  const db = await scratchSqlite("record-rate");
  let child: ChildProcess | undefined;
  try {
    const env = { ...workerEnv(), DATABASE_URL: db.url };
    await seedConnections(sandbox, db.url, 200, { profile: "smart-v2", requestsPerMinute: PER_SECOND * 60 });
    await resetSandboxStats(sandbox.url);
    const pass = runPass(env, {}, (c) => (child = c)).catch(() => null);
    // Wait until traffic has run SKIP_S + WINDOW_S whole seconds (or the pass ended: too little backlog).
    let seconds: number[] = [];
    for (let ended = false; !ended; ) {
      ended = (await Promise.race([pass.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 1000))])) as boolean;
      seconds = Object.keys((await sandboxStats(sandbox.url)).requestsAllClients.perSecond).map(Number).sort((a, b) => a - b);
      if (seconds.length > 0 && seconds.at(-1)! - seconds[0]! >= SKIP_S + WINDOW_S + 1) break;
    }
    const traffic = (await sandboxStats(sandbox.url)).requestsAllClients;
    // Every second of the window counts, those with no request too.
    const first = (seconds[0] ?? 0) + SKIP_S;
    const window = Array.from({ length: WINDOW_S }, (_, i) => first + i).filter((s) => s <= (seconds.at(-1) ?? 0));
    const inWindow = window.reduce((n, s) => n + (traffic.perSecond[String(s)] ?? 0), 0);
    const idleSeconds = window.filter((s) => !traffic.perSecond[String(s)]).length;
    return {
      rateLimitPerSecond: PER_SECOND,
      rateLimitHeld: traffic.maxPerSecond,
      rateLimitUse: round(inWindow / (window.length || 1) / PER_SECOND, 3),
      rateLimitWindowSeconds: window.length,
      rateLimitIdleSeconds: idleSeconds,
      rateLimitLoadAverage1m: loadAverage(),
    };
  } finally {
    child?.kill("SIGTERM");
    db.drop();
    await sandbox.close();
  }
}
