/** Driving the sandbox from benchmarks: JSON posts, and its load generator in a second process. */
import { runGenerator } from "./generator-process";
import type { LoadPlan, PhaseResult } from "../../sandbox/bench/load";

export async function postJson(url: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, string>;
}

/** Runs sandbox/bench/load.ts with `plan` in its own process (so it never competes with the sandbox's event loop). */
export function runSandboxLoad(plan: LoadPlan): Promise<{ token: PhaseResult; patientRead: PhaseResult; recordPull?: PhaseResult; noChange?: PhaseResult }> {
  return runGenerator("sandbox/bench/load.ts", plan);
}
