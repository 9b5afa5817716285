/**
 * The `record` benchmark's plain load generator, in its own process: for each patient, a refresh
 * grant, then every search of the record (each US Core type; Observation per category), following
 * `next` links, over node:http with keep-alive, only parsing the JSON. Prints one JSON line: CPU
 * time (ms), requests, resources received, errors.
 *   node --import tsx bench/support/plain-pull.ts '<json PullPlan>'
 */
import { send } from "../../sandbox/bench/http-send";

export type PullPlan = {
  tokenUrl: string;
  fhirBase: string;
  clientId: string;
  clientSecret: string;
  patients: { patientId: string; refreshToken: string }[];
  types: string[];
  categories: string[];
  concurrency: number;
};

async function main() {
  const plan = JSON.parse(process.argv[2] ?? "{}") as PullPlan;
  const basic = `Basic ${Buffer.from(`${plan.clientId}:${plan.clientSecret}`).toString("base64")}`;
  const counts = { requests: 0, resources: 0, errors: 0 };
  const cpu = process.cpuUsage();
  let next = 0;
  async function pull(patient: PullPlan["patients"][number]) {
    const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: patient.refreshToken }).toString();
    const token = await send(plan.tokenUrl, "POST", { authorization: basic, "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) }, body);
    counts.requests++;
    if (token.status !== 200) return void counts.errors++;
    const headers = { authorization: `Bearer ${(JSON.parse(token.text) as { access_token: string }).access_token}` };
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
    }
  }
  await Promise.all(Array.from({ length: plan.concurrency }, async () => {
    while (next < plan.patients.length) await pull(plan.patients[next++]!);
  }));
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ ...counts, cpuMs: (used.user + used.system) / 1000 })}\n`);
}

void main().catch((error: unknown) => {
  console.error(`plain-pull: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
