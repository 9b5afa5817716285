/**
 * A benchmark's load generator in a process of its own (so it never competes with the event loop
 * it measures): its plan goes in as JSON on stdin, not as an argument (Linux refuses one argument
 * over 128 KB, some 1,500 patients of a plan), and its result is the JSON it prints.
 */
import { spawn } from "node:child_process";

/** Node's flags for a V8 CPU profile of a benchmark's child process, when BENCH_CPU_PROF_DIR names a directory. */
export function cpuProfileArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

export function runGenerator<T>(script: string, plan: unknown, nodeArgs: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"] });
    child.stdin.on("error", reject); // e.g. EPIPE if the generator exits before reading its plan
    child.stdin.end(JSON.stringify(plan));
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`${script} exited with ${code}`))));
  });
}
