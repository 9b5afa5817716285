/**
 * Load generator for the `sandbox` benchmark, run as a second process:
 *   node --import tsx sandbox/bench/load.ts < plan.json   (a LoadPlan, on stdin)
 * Phase 1: refresh-token grants, one strict-rotation chain per worker. Phase 2: Patient reads.
 * With `records`: phase 3 pulls whole records (every type, paged, Observation per category), one patient
 * after another per worker, each record for the first time; phase 4 is a pass with nothing changed over the
 * same patients (`_lastUpdated=gt<since>` where the type supports it, a full re-pull where it does not).
 * Prints one JSON line: request counts, resources received, elapsed seconds and latencies (ms) of each phase.
 */
import { readFileSync } from "node:fs";
import { send } from "./http-send";
import { z } from "zod";

const planSchema = z.object({
  tokenUrl: z.string(),
  fhirBase: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  chains: z.array(z.object({ refreshToken: z.string(), accessToken: z.string(), patientId: z.string() })).min(1),
  durationMs: z.number().int().positive(),
  warmupMs: z.number().int().min(0),
  records: z
    .object({
      fhirBase: z.string(),
      patients: z.array(z.object({ patientId: z.string(), accessToken: z.string() })).min(1),
      /** Types to search; `categories` are searched one by one for Observation. */
      types: z.array(z.string()).min(1),
      categories: z.array(z.string()),
      /** Types whose searches take `_lastUpdated`. */
      incremental: z.array(z.string()),
      /** ISO instant after every resource's last update: the no-change pass's `_lastUpdated=gt`. */
      since: z.string(),
      concurrency: z.number().int().positive(),
    })
    .optional(),
});
export type LoadPlan = z.infer<typeof planSchema>;

export interface PhaseResult {
  requests: number;
  errors: number;
  /** Resources in the answers (search pages). */
  resources: number;
  seconds: number;
  latenciesMs: number[];
}

const tokenResponse = z.object({ access_token: z.string(), refresh_token: z.string() });
const bundle = z.object({ entry: z.array(z.unknown()).optional(), link: z.array(z.object({ relation: z.string(), url: z.string() })).optional() });


/** Runs `step` on every worker until the time is up; a step answers the resources it received, or false on an error. */
async function phase<W>(workers: W[], durationMs: number, warmupMs: number, step: (worker: W) => Promise<number | false>): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let resources = 0;
  const warmEnd = performance.now() + warmupMs;
  const end = warmEnd + durationMs;
  await Promise.all(
    workers.map(async (worker) => {
      for (let t = performance.now(); t < end; t = performance.now()) {
        const got = await step(worker).catch(() => false as const);
        if (t < warmEnd) continue;
        latenciesMs.push(performance.now() - t);
        if (got === false) errors += 1;
        else resources += got;
      }
    }),
  );
  return { requests: latenciesMs.length, errors, resources, seconds: durationMs / 1000, latenciesMs };
}

type Records = NonNullable<LoadPlan["records"]>;
interface Puller {
  urls: string[];
  token: string;
}

/** Each worker pulls one patient's record after another (patients in order, each once per phase). */
function recordPhase(r: Records, durationMs: number, warmupMs: number, urlsFor: (patientId: string) => string[]): Promise<PhaseResult> {
  let next = 0;
  const workers: Puller[] = Array.from({ length: r.concurrency }, () => ({ urls: [], token: "" }));
  return phase(workers, durationMs, warmupMs, async (w) => {
    if (w.urls.length === 0) {
      const p = r.patients[next++ % r.patients.length]!;
      w.token = p.accessToken;
      w.urls = urlsFor(p.patientId);
    }
    const res = await send(w.urls.shift()!, "GET", { authorization: `Bearer ${w.token}` });
    if (res.status !== 200) return false;
    const page = bundle.parse(JSON.parse(res.text));
    const more = page.link?.find((l) => l.relation === "next")?.url;
    if (more) w.urls.unshift(more);
    return page.entry?.length ?? 0;
  });
}

async function main(): Promise<void> {
  const plan = planSchema.parse(JSON.parse(readFileSync(0, "utf8")));
  const authorization = `Basic ${Buffer.from(`${plan.clientId}:${plan.clientSecret}`).toString("base64")}`;
  const token = await phase(plan.chains, plan.durationMs, plan.warmupMs, async (chain) => {
    const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: chain.refreshToken }).toString();
    const res = await send(plan.tokenUrl, "POST", { authorization, "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) }, body);
    if (res.status !== 200) return false;
    const parsed = tokenResponse.safeParse(JSON.parse(res.text));
    if (!parsed.success) return false;
    chain.refreshToken = parsed.data.refresh_token;
    chain.accessToken = parsed.data.access_token;
    return 0;
  });
  const patientRead = await phase(plan.chains, plan.durationMs, plan.warmupMs, async (chain) => {
    const res = await send(`${plan.fhirBase}/Patient/${chain.patientId}`, "GET", { authorization: `Bearer ${chain.accessToken}` });
    return res.status === 200 ? 1 : false;
  });
  const r = plan.records;
  if (!r) {
    process.stdout.write(`${JSON.stringify({ token, patientRead })}\n`);
    return;
  }
  const searches = (patientId: string, filter: (type: string) => string) =>
    r.types.flatMap((type) => {
      const base = `${r.fhirBase}/${type}?patient=${patientId}${filter(type)}`;
      return type === "Observation" ? r.categories.map((c) => `${base}&category=${c}`) : [base];
    });
  const recordPull = await recordPhase(r, plan.durationMs, 0, (id) => searches(id, () => ""));
  const noChange = await recordPhase(r, plan.durationMs, 0, (id) => searches(id, (type) => (r.incremental.includes(type) ? `&_lastUpdated=gt${r.since}` : "")));
  process.stdout.write(`${JSON.stringify({ token, patientRead, recordPull, noChange })}\n`);
}

void main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
