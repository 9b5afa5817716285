/**
 * The `record` benchmark's plain load generator, in its own process: for each patient, the
 * requests the worker makes — a refresh grant, the Patient read, every search of the record (each
 * US Core type; Observation per category) following `next` links, and the resources the record
 * points at, read by `_id` search as the worker reads them where the server declares `_id`
 * (IDS_PER_SEARCH ids a request) — over node:http with keep-alive, only parsing the JSON. It asks
 * each type's references once, after the searches: the fewest requests the worker could make
 * (the worker asks as pages arrive, so sometimes twice). `warmUpPatients` are pulled first,
 * untimed and uncounted, as the worker's benchmark pass runs in a warm process (pass-child.ts).
 * Prints one JSON line: CPU time (ms) and its system part, requests, resources received, errors.
 *   node --import tsx bench/support/plain-pull.ts < plan.json   (a PullPlan, on stdin: see
 *   ./generator-process.ts)
 */
import { readFileSync } from "node:fs";
import { send } from "../../sandbox/bench/http-send";
import { IDS_PER_SEARCH } from "../../lib/fhir/record-fetch/references";

export type PullPlan = {
  tokenUrl: string;
  fhirBase: string;
  clientId: string;
  clientSecret: string;
  patients: { patientId: string; refreshToken: string }[];
  /** Pulled before the timed pull, as the worker's pass warms up on its own connections. */
  warmUpPatients?: { patientId: string; refreshToken: string }[];
  types: string[];
  categories: string[];
  /** Types the record points at, read by `_id` search. */
  referenceTypes: string[];
  concurrency: number;
};

async function main() {
  const plan = JSON.parse(readFileSync(0, "utf8")) as PullPlan;
  const basic = `Basic ${Buffer.from(`${plan.clientId}:${plan.clientSecret}`).toString("base64")}`;
  const counts = { requests: 0, resources: 0, errors: 0 };
  async function pull(patient: PullPlan["patients"][number]) {
    const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: patient.refreshToken }).toString();
    const token = await send(plan.tokenUrl, "POST", { authorization: basic, "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) }, body);
    counts.requests++;
    if (token.status !== 200) return void counts.errors++;
    const headers = { authorization: `Bearer ${(JSON.parse(token.text) as { access_token: string }).access_token}` };
    const patientRead = await send(`${plan.fhirBase}/Patient/${patient.patientId}`, "GET", headers);
    counts.requests++;
    if (patientRead.status === 200 && (JSON.parse(patientRead.text) as { id?: string }).id) counts.resources++;
    else counts.errors++;
    const referenced = new Map(plan.referenceTypes.map((type) => [type, new Set<string>()]));
    const collect = (text: string) => {
      for (const [, type, id] of text.matchAll(/"reference":"(\w+)\/([A-Za-z0-9.-]{1,64})"/g)) referenced.get(type!)?.add(id!);
    };
    collect(patientRead.text);
    const urls = plan.types.flatMap((type) => {
      const base = `${plan.fhirBase}/${type}?patient=${patient.patientId}`;
      return type === "Observation" ? plan.categories.map((c) => `${base}&category=${c}`) : [base];
    });
    for (let url: string | undefined = urls.shift(); url; url = urls.shift()) {
      const res = await send(url, "GET", headers);
      counts.requests++;
      if (res.status !== 200) {
        counts.errors++;
        continue;
      }
      const page = JSON.parse(res.text) as { entry?: unknown[]; link?: { relation: string; url: string }[] };
      counts.resources += page.entry?.length ?? 0;
      const more = page.link?.find((l) => l.relation === "next")?.url;
      if (more) urls.unshift(more);
      collect(res.text);
    }
    for (const [type, ids] of referenced) {
      const all = [...ids];
      for (let i = 0; i < all.length; i += IDS_PER_SEARCH) {
        const chunk = all.slice(i, i + IDS_PER_SEARCH);
        const res = await send(`${plan.fhirBase}/${type}?_id=${chunk.join(",")}&_count=${chunk.length}`, "GET", headers);
        counts.requests++;
        if (res.status !== 200) counts.errors++;
        else counts.resources += (JSON.parse(res.text) as { entry?: unknown[] }).entry?.length ?? 0;
      }
    }
  }
  const pullAll = async (patients: PullPlan["patients"]) => {
    let next = 0;
    await Promise.all(Array.from({ length: plan.concurrency }, async () => {
      while (next < patients.length) await pull(patients[next++]!);
    }));
  };
  await pullAll(plan.warmUpPatients ?? []);
  Object.assign(counts, { requests: 0, resources: 0, errors: 0 });
  const cpu = process.cpuUsage();
  await pullAll(plan.patients);
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ ...counts, cpuMs: (used.user + used.system) / 1000, systemMs: used.system / 1000 })}\n`);
}

void main().catch((error: unknown) => {
  console.error(`plain-pull: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
