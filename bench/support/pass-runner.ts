/**
 * Runs bench/support/pass-child.ts (one sync pass) in a child process and reads its JSON line.
 * BENCH_CPU_PROF_DIR=<dir> writes a V8 CPU profile of each pass there (node --cpu-prof), to see
 * where the worker's time goes.
 */
import { spawn, type ChildProcess } from "node:child_process";

export type PassResult = { summary: Record<string, unknown> & { seconds: number; synced: number; failed: number; done: number }; cpuMs: number; peakRssMb: number };

export function runPass(env: Record<string, string>, options: { stopAfterMs?: number } = {}, started?: (child: ChildProcess) => void): Promise<PassResult> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, "--import", "tsx", "--conditions=react-server", "bench/support/pass-child.ts", JSON.stringify(options)], {
      env: { ...process.env, ...env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    started?.(child);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}") as PassResult) : reject(new Error(`sync pass exited with ${code}`))));
  });
}
