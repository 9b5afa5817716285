/**
 * Load generator for the `sandbox` benchmark, run as a second process:
 *   node --import tsx sandbox/bench/load.ts '<json LoadPlan>'
 * Phase 1: refresh-token grants, one strict-rotation chain per worker. Phase 2: Patient reads.
 * Prints one JSON line: request counts, elapsed seconds and latencies (ms) of each phase.
 */
import { Agent, request } from "node:http";
import { z } from "zod";

const planSchema = z.object({
  tokenUrl: z.string(),
  fhirBase: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  chains: z.array(z.object({ refreshToken: z.string(), accessToken: z.string(), patientId: z.string() })).min(1),
  durationMs: z.number().int().positive(),
  warmupMs: z.number().int().min(0),
});
export type LoadPlan = z.infer<typeof planSchema>;

export interface PhaseResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

const tokenResponse = z.object({ access_token: z.string(), refresh_token: z.string() });

/** node:http with keep-alive: lighter than fetch, so the load generator takes less CPU from the sandbox. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function phase(plan: LoadPlan, step: (chain: LoadPlan["chains"][number]) => Promise<boolean>): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const warmEnd = performance.now() + plan.warmupMs;
  const end = warmEnd + plan.durationMs;
  await Promise.all(
    plan.chains.map(async (chain) => {
      for (let t = performance.now(); t < end; t = performance.now()) {
        const ok = await step(chain).catch(() => false);
        if (t < warmEnd) continue;
        latenciesMs.push(performance.now() - t);
        if (!ok) errors += 1;
      }
    }),
  );
  return { requests: latenciesMs.length, errors, seconds: plan.durationMs / 1000, latenciesMs };
}

async function main(): Promise<void> {
  const plan = planSchema.parse(JSON.parse(process.argv[2] ?? "{}"));
  const authorization = `Basic ${Buffer.from(`${plan.clientId}:${plan.clientSecret}`).toString("base64")}`;
  const token = await phase(plan, async (chain) => {
    const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: chain.refreshToken }).toString();
    const res = await send(plan.tokenUrl, "POST", { authorization, "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) }, body);
    if (res.status !== 200) return false;
    const parsed = tokenResponse.safeParse(JSON.parse(res.text));
    if (!parsed.success) return false;
    chain.refreshToken = parsed.data.refresh_token;
    chain.accessToken = parsed.data.access_token;
    return true;
  });
  const patientRead = await phase(plan, async (chain) => {
    const res = await send(`${plan.fhirBase}/Patient/${chain.patientId}`, "GET", { authorization: `Bearer ${chain.accessToken}` });
    return res.status === 200;
  });
  process.stdout.write(`${JSON.stringify({ token, patientRead })}\n`);
}

void main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
