/**
 * Runs bench/support/pass-child.ts (one sync pass) in a child process and reads its JSON line.
 * With `afterWarmUp`, the child first runs an untimed pass over the connections due at start; once
 * it has, `afterWarmUp` runs (it makes the measured connections due) and the child's timed pass
 * begins. BENCH_CPU_PROF_DIR=<dir> writes a V8 CPU profile of each pass there (node --cpu-prof),
 * to see where the worker's time goes; BENCH_NODE_FLAGS adds Node/V8 flags to the pass process
 * (e.g. "--log-code --logfile=/tmp/v8-%p.log" to see what V8 compiles and when). The pass's result
 * is its last JSON line: lines V8 traces write to stdout ("[...") are skipped.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { cpuProfileArgs } from "./generator-process";

export type PassResult = { summary: Record<string, unknown> & { seconds: number; synced: number; failed: number; done: number }; cpuMs: number; systemMs: number; peakRssMb: number };

export type PassOptions = { stopAfterMs?: number; afterWarmUp?: () => Promise<void> };

export function runPass(env: Record<string, string>, options: PassOptions = {}, started?: (child: ChildProcess) => void): Promise<PassResult> {
  return new Promise((resolve, reject) => {
    const profile = cpuProfileArgs();
    const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
    const childOptions = { ...(options.stopAfterMs && { stopAfterMs: options.stopAfterMs }), ...(options.afterWarmUp && { warmUp: true }) };
    const child = spawn(process.execPath, [...profile, ...flags, "--import", "tsx", "--conditions=react-server", "bench/support/pass-child.ts", JSON.stringify(childOptions)], {
      env: { ...process.env, ...env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    started?.(child);
    let last = "";
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.trim() === "" || line.startsWith("[")) return;
      last = line;
      if (line.trim() !== JSON.stringify({ warm: true })) return;
      // The warm-up pass is done: make the measured connections due, then let the timed pass start.
      options.afterWarmUp!().then(
        () => child.kill("SIGUSR2"),
        (error: unknown) => {
          child.kill();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(last) as PassResult) : reject(new Error(`sync pass exited with ${code}`))));
  });
}
