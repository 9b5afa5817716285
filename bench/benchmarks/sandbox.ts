/**
 * Benchmark `sandbox`: the sandbox's own throughput, measured from a second process (sandbox/bench/load.ts)
 * at a concurrency of 32, about 5 s a phase: refresh grants with strict rotation (one chain per worker, minted
 * with the debug endpoint), Patient reads, then whole-record pulls over smart-v2 (records of RECORD_SIZE
 * resources, each built and written on its first request, pages of 50) and a pass with nothing changed over
 * the same patients (`_lastUpdated=gt` where declared, a full re-pull of Coverage and DocumentReference).
 * Wall-clock rates depend on what else the two cores run; the CPU time per resource (in process, records
 * built and every resource written, or built only as a pass with nothing changed needs) much less so.
 */
import { Directory } from "../../sandbox/fixtures/directory";
import { RecordBook } from "../../sandbox/records/book";
import { startSandbox } from "../../sandbox/server";
import type { LoadPlan } from "../../sandbox/bench/load";
import { NO_LAST_UPDATED, US_CORE_TYPES } from "../../sandbox/fhir/types";
import { postJson, runSandboxLoad } from "../support/sandbox-load";
import { percentile, round } from "../support/stats";

const CONCURRENCY = 32;
const DURATION_MS = 5_000;
const WARMUP_MS = 500;
const PATIENTS = 1000;
const RECORD_SIZE = 200;

const pad = (i: number) => String(i).padStart(6, "0");

/** CPU microseconds per resource to build RECORD_SIZE-resource R4 records of fresh patients, writing each resource's JSON or not. */
function recordCpu(write: boolean, from: number): number {
  const book = new RecordBook(new Directory(100_000), RECORD_SIZE);
  let resources = 0;
  let bytes = 0;
  const started = process.cpuUsage();
  for (let i = from; i < from + 500; i++) {
    const record = book.record(`synthetic-${pad(i)}`, "r4")!;
    resources += record.size;
    if (write) for (const s of record.byId.values()) bytes += s.json.length;
  }
  const used = process.cpuUsage(started);
  if (write && bytes < resources * 100) throw new Error(`records wrote ${bytes} bytes for ${resources} resources`);
  return (used.user + used.system) / resources;
}

export async function run(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 0, quiet: true, syntheticPatients: PATIENTS, recordSize: RECORD_SIZE });
  try {
    const client = await postJson(`${sandbox.url}/oauth/register`, {
      client_name: "Sandbox benchmark",
      redirect_uris: ["https://bench.invalid/callback"],
      scope: "launch/patient patient/*.read offline_access",
    });
    const chains: LoadPlan["chains"] = [];
    for (let i = 1; i <= CONCURRENCY; i++) {
      const tokens = await postJson(`${sandbox.url}/oauth/debug/token`, { client_id: client.client_id, username: `user-${pad(i)}`, patient_id: `synthetic-${pad(i)}` });
      chains.push({ refreshToken: tokens.refresh_token ?? "", accessToken: tokens.access_token ?? "", patientId: `synthetic-${pad(i)}` });
    }
    const v2 = await postJson(`${sandbox.url}/v2/oauth/register`, {
      client_name: "Sandbox benchmark v2",
      redirect_uris: ["https://bench.invalid/callback"],
      scope: "launch/patient patient/*.rs",
      token_endpoint_auth_method: "none",
    });
    const patients: { patientId: string; accessToken: string }[] = [];
    for (let i = 1; i <= PATIENTS; i++) {
      const tokens = await postJson(`${sandbox.url}/oauth/debug/token`, { client_id: v2.client_id, username: `user-${pad(i)}`, patient_id: `synthetic-${pad(i)}` });
      patients.push({ patientId: `synthetic-${pad(i)}`, accessToken: tokens.access_token ?? "" });
    }
    const result = await runSandboxLoad({
      tokenUrl: `${sandbox.url}/oauth/token`,
      fhirBase: sandbox.s4sFhirBase,
      clientId: client.client_id ?? "",
      clientSecret: client.client_secret ?? "",
      chains,
      durationMs: DURATION_MS,
      warmupMs: WARMUP_MS,
      records: {
        fhirBase: sandbox.v2FhirBase,
        patients,
        types: [...US_CORE_TYPES],
        categories: ["laboratory", "vital-signs", "social-history", "survey", "exam"],
        incremental: US_CORE_TYPES.filter((t) => !NO_LAST_UPDATED.includes(t)),
        since: new Date().toISOString(),
        concurrency: CONCURRENCY,
      },
    });
    const { token, patientRead, recordPull, noChange } = result;
    if (!recordPull || !noChange) throw new Error("the load generator ran no record phases");
    const errors = { token: token.errors, patientRead: patientRead.errors, recordPull: recordPull.errors, noChange: noChange.errors };
    if (Object.values(errors).some((n) => n > 0)) throw new Error(`errors under load: ${JSON.stringify(errors)}`);
    return {
      tokenRps: round(token.requests / token.seconds),
      tokenP50Ms: round(percentile(token.latenciesMs, 50), 2),
      tokenP99Ms: round(percentile(token.latenciesMs, 99), 2),
      patientReadRps: round(patientRead.requests / patientRead.seconds),
      patientReadP50Ms: round(percentile(patientRead.latenciesMs, 50), 2),
      patientReadP99Ms: round(percentile(patientRead.latenciesMs, 99), 2),
      recordPullResourcesPerSecond: round(recordPull.resources / recordPull.seconds),
      recordPullPagesPerSecond: round(recordPull.requests / recordPull.seconds),
      recordPullPageP50Ms: round(percentile(recordPull.latenciesMs, 50), 2),
      recordPullPageP99Ms: round(percentile(recordPull.latenciesMs, 99), 2),
      noChangeSearchesPerSecond: round(noChange.requests / noChange.seconds),
      noChangeSearchP50Ms: round(percentile(noChange.latenciesMs, 50), 2),
      noChangeSearchP99Ms: round(percentile(noChange.latenciesMs, 99), 2),
      recordCpuUsPerResource: round(recordCpu(true, 50_001), 1),
      recordCpuUsPerResourceUnwritten: round(recordCpu(false, 60_001), 1),
    };
  } finally {
    await sandbox.close();
  }
}
