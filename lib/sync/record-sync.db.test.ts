/**
 * The whole record over real HTTP against the sandbox (DSTU2, S4S profile), on SQLite and
 * PostgreSQL: a first sync equals the sandbox's record type by type, a second writes nothing,
 * touches and removals give exactly those writes and removals, the grant is honoured, and a
 * withdrawal while a sync is reading the EHR leaves nothing stored (issue #16, finding 10).
 */
process.env.EHR_TIMEOUT_MS = "5000";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { participantSession } from "../data/callers";
import { recordWithdrawal } from "../data/participants";
import { getSyncTarget, hasFirstSyncWaiting, queueFirstSync } from "../data/sync-claims";
import { startTestEhr, type TestEhr } from "../connections/test-support";
import { PROCESS_OWNER } from "../connections/access-token";
import { capabilityCache } from "./capabilities";
import { refreshAndSyncConnection, syncConnection, type SyncOutcome } from "./connection-sync";
import { EhrLimiter } from "./ehr-limiter";
import { send } from "../ehr-http";
import { startTestServer } from "../ehr-http/test-server";
import { readConnectionTokens } from "../data/connection-tokens";
import { pullRecord } from "./record-pull";
import { recordSettings } from "./record-settings";
import { capabilitiesFrom } from "../fhir/record-fetch/capability";
import { waitFor } from "../test-support";

let ehr: TestEhr;
let next = 1;
beforeAll(async () => {
  ehr = await startTestEhr(500);
});
afterAll(async () => {
  // Passes in other test files (intervalMs 0) must not pick up these connections once their EHR is gone.
  await (await db()).connection.updateMany({ where: { healthSystemId: ehr.healthSystemId }, data: { leaseOwner: "record-sync-test", leaseUntil: new Date(Date.now() + 86_400_000) } });
  await ehr.close();
});
afterEach(() => ehr.admin("/faults", undefined));

const patientOf = (n: number) => `synthetic-${String(n).padStart(6, "0")}`;

/** One sync of the connection, the way the worker runs it (refresh, every planned search, store). */
async function sync(connectionId: string): Promise<SyncOutcome> {
  const target = await getSyncTarget(connectionId);
  return syncConnection(target!, { owner: PROCESS_OWNER, limiter: new EhrLimiter(8), capabilities: capabilityCache() });
}

/**
 * A connection of this file, held by this process for a day: passes run by other test files in
 * the same database (intervalMs 0) skip it, so only this file's syncs touch it.
 */
async function connect(n: number, accessLifetime?: number) {
  const made = await ehr.connect(n, accessLifetime);
  await (await db()).connection.update({ where: { id: made.connectionId }, data: { leaseOwner: PROCESS_OWNER, leaseUntil: new Date(Date.now() + 86_400_000) } });
  return made;
}

async function sandboxRecord(patient: string): Promise<{ resources: Record<string, string[]>; removed: Record<string, string[]> }> {
  const res = await fetch(`${ehr.sandbox.url}/_sandbox/records/${patient}?profile=s4s`);
  return (await res.json()) as { resources: Record<string, string[]>; removed: Record<string, string[]> };
}

async function held(connectionId: string): Promise<Record<string, string[]>> {
  const rows = await (await db()).fhirResource.findMany({ where: { connectionId, removedAt: null }, select: { resourceType: true, fhirId: true } });
  const byType: Record<string, string[]> = {};
  for (const r of rows) (byType[r.resourceType] ??= []).push(r.fhirId);
  for (const ids of Object.values(byType)) ids.sort();
  return byType;
}

const sorted = (record: Record<string, string[]>) => Object.fromEntries(Object.entries(record).map(([t, ids]) => [t, [...ids].sort()]));

describe("the whole record", () => {
  it("a first sync stores exactly the sandbox's record, type by type, with a done state per search", async () => {
    const n = next++;
    const { connectionId } = await connect(n);
    const outcome = await sync(connectionId);
    expect(outcome).toMatchObject({ kind: "synced", complete: true });
    const expected = sorted((await sandboxRecord(patientOf(n))).resources);
    expect(await held(connectionId)).toEqual(expected);
    const written = Object.values(outcome.written).reduce((a, b) => a + b, 0);
    expect(written).toBe(Object.values(expected).flat().length);
    const states = await (await db()).recordTypeState.findMany({ where: { connectionId } });
    expect(states.length).toBeGreaterThan(5);
    expect(states.every((s) => s.state === "done")).toBe(true);
    const row = await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId }, include: { snapshot: true } });
    expect(row.recordSyncedAt).not.toBeNull();
    expect(row.snapshot).not.toBeNull();
  }, 60_000);

  it("a second sync with nothing changed writes nothing; touches and removals give exactly those writes and removals", async () => {
    const n = next++;
    const patient = patientOf(n);
    const { connectionId } = await connect(n);
    await sync(connectionId);
    const client = await db();
    const before = await client.fhirResource.findMany({ where: { connectionId }, select: { id: true, changedAt: true, lastSeenAt: true } });

    const second = await sync(connectionId);
    expect(second).toMatchObject({ kind: "synced", complete: true, written: {}, removed: {} });
    const after = await client.fhirResource.findMany({ where: { connectionId }, select: { id: true, changedAt: true, lastSeenAt: true } });
    expect(after).toEqual(before);

    const touched = (await ehr.admin("/records/touch", { patient, count: 5 })).touched as string[];
    const third = await sync(connectionId);
    const changedSince = await client.fhirResource.findMany({ where: { connectionId, changedAt: { gt: new Date(Math.max(...before.map((r) => r.changedAt.getTime()))) } }, select: { resourceType: true, fhirId: true } });
    expect(changedSince.map((r) => `${r.resourceType}/${r.fhirId}`).sort()).toEqual([...touched].sort());
    expect(Object.values(third.written).reduce((a, b) => a + b, 0)).toBe(5);

    const removed = (await ehr.admin("/records/touch", { patient, remove: 3 })).removed as string[];
    // An incremental pass cannot see removals; the weekly full re-pull does: make it due now.
    await client.recordTypeState.updateMany({ where: { connectionId }, data: { lastFullAt: new Date(Date.now() - 8 * 86_400_000) } });
    const fourth = await sync(connectionId);
    expect(fourth.written).toEqual({});
    const gone = await client.fhirResource.findMany({ where: { connectionId, removedAt: { not: null } }, select: { resourceType: true, fhirId: true } });
    expect(gone.map((r) => `${r.resourceType}/${r.fhirId}`).sort()).toEqual([...removed].sort());
    expect(await held(connectionId)).toEqual(sorted((await sandboxRecord(patient)).resources));
  }, 90_000);
});

describe("one connection's requests", () => {
  it("the Patient is read alongside the searches, and referenced resources while searches still run (order of requests at a real sandbox)", async () => {
    const n = next++;
    const { connectionId } = await connect(n, 3600);
    const target = (await getSyncTarget(connectionId))!;
    const accessToken = (await readConnectionTokens(connectionId))!.accessToken!;
    // What the sync sent and what came back, in order: "sent Patient", "answered Observation?", …
    const events: string[] = [];
    const limiter = new EhrLimiter(8);
    const settings = recordSettings();
    const result = await pullRecord({
      target,
      fetch: {
        fhirBase: target.fhirBaseUrl,
        patientId: target.patientId,
        accessToken,
        timeoutMs: 5000,
        polite: (job) => limiter.run(target.healthSystemId, job),
        pause: (seconds) => limiter.pause(target.healthSystemId, seconds),
        transport: async (url, request, limits) => {
          const path = String(url).slice(target.fhirBaseUrl.length + 1);
          const what = path.includes("?") ? `${path.split("?")[0]}?` : path.split("/")[0]!;
          events.push(`sent ${what}`);
          const answer = await send(url, request, limits);
          events.push(`answered ${what}`);
          return answer;
        },
      },
      capabilities: null,
      // Pages of 2: the longer searches are chains of many pages.
      settings: { ...settings, limits: { ...settings.limits, pageSize: 2 } },
    });
    expect(result).toMatchObject({ stopped: false, failed: 0 });
    const isSearch = (e: string) => e.endsWith("?");
    const isReference = (e: string) => /^(sent|answered) (Practitioner|Organization|Location|Medication)$/.test(e);
    const first = (test: (e: string) => boolean) => events.findIndex(test);
    const last = (test: (e: string) => boolean) => events.findLastIndex(test);
    // The Patient and the first searches are in flight together.
    expect(first((e) => e === "sent Patient")).toBeLessThan(first((e) => e.startsWith("answered") && isSearch(e)));
    expect(first((e) => e.startsWith("sent") && isSearch(e))).toBeLessThan(first((e) => e === "answered Patient"));
    // A referenced resource is read before the last search page is even asked for.
    expect(first((e) => e.startsWith("sent") && isReference(e))).toBeGreaterThan(-1);
    expect(first((e) => e.startsWith("sent") && isReference(e))).toBeLessThan(last((e) => e.startsWith("sent") && isSearch(e)));
    // And what was read is the sandbox's whole record.
    expect(await held(connectionId)).toEqual(sorted((await sandboxRecord(patientOf(n))).resources));
  }, 60_000);
});

describe("referenced resources", () => {
  it("where the server declares _id for their types (smart-v2), several are read in one search; the record is the same", async () => {
    const n = next++;
    const { connectionId } = await connect(n, 3600);
    const s4s = (await getSyncTarget(connectionId))!;
    // The same participant's record at the sandbox's smart-v2 (R4) endpoint, which declares `_id`.
    const post = async (path: string, body: unknown) => (await (await fetch(`${ehr.sandbox.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as Record<string, string>;
    const client = await post("/v2/oauth/register", { client_name: "Reference reads", redirect_uris: ["https://portal.invalid/cb"], scope: "launch/patient patient/*.rs offline_access" });
    const token = await post("/oauth/debug/token", { client_id: client.client_id, username: `user-${String(n).padStart(6, "0")}`, patient_id: patientOf(n) });
    const fhirBase = ehr.sandbox.v2FhirBase;
    const capabilities = capabilitiesFrom(await (await fetch(`${fhirBase}/metadata`)).json());
    const target = { ...s4s, fhirBaseUrl: fhirBase, fhirVersion: "4.0.1", grantedScope: token.scope ?? null };
    const sent: string[] = [];
    const result = await pullRecord({
      target,
      fetch: {
        fhirBase,
        patientId: target.patientId,
        accessToken: token.access_token!,
        timeoutMs: 5000,
        polite: (job) => job(),
        pause: () => undefined,
        transport: (url, request, limits) => {
          sent.push(decodeURIComponent(String(url).slice(fhirBase.length + 1)));
          return send(url, request, limits);
        },
      },
      capabilities,
      settings: recordSettings(),
    });
    expect(result).toMatchObject({ stopped: false, failed: 0 });
    const types = ["Practitioner", "Organization", "Location", "Medication"];
    const stored = await held(connectionId);
    const referenced = types.reduce((count, type) => count + (stored[type]?.length ?? 0), 0);
    const referenceRequests = sent.filter((path) => /^(Practitioner|Organization|Location|Medication)[/?]/.test(path));
    expect(referenced).toBeGreaterThan(3);
    expect(referenceRequests.length).toBeLessThan(referenced);
    expect(referenceRequests.some((path) => /^\w+\?_id=[^&]+,/.test(path))).toBe(true);
    const v2Record = (await (await fetch(`${ehr.sandbox.url}/_sandbox/records/${patientOf(n)}?profile=smart-v2`)).json()) as { resources: Record<string, string[]> };
    expect(stored).toEqual(sorted(v2Record.resources));
  }, 60_000);
});

describe("the grant", () => {
  it("without offline_access the refresh token is never used, and a type without read scope (the Patient too) is not fetched", async () => {
    const n = next++;
    const { connectionId } = await connect(n, 3600);
    await (await db()).connection.update({ where: { id: connectionId }, data: { grantedScope: "launch/patient patient/Condition.read" } });
    await ehr.admin("/stats/reset", {});
    const outcome = await sync(connectionId);
    expect(outcome).toMatchObject({ kind: "synced", complete: true });
    expect((await ehr.stats()).tokenRequests.refresh_token).toBe(0);
    const types = Object.keys(await held(connectionId));
    expect(types.filter((t) => t !== "Practitioner")).toEqual(["Condition"]);
    const row = await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId }, include: { snapshot: true } });
    expect(row).toMatchObject({ tokenVersion: 0, snapshot: null, statusReason: null });
  }, 60_000);
});

describe("withdrawal while a sync is reading the EHR", () => {
  it("a 'Refresh now' whose Patient read is in flight when the participant withdraws writes nothing back", async () => {
    const n = next++;
    const { connectionId, participantId } = await connect(n);
    // Every FHIR answer takes 1.5 s: the withdrawal lands while the sync is reading the EHR.
    await ehr.admin("/faults", { target: "fhir", mode: "latency", latencyMs: 1500 });
    const running = refreshAndSyncConnection(connectionId);
    expect(await waitFor(async () => ((await (await db()).connection.findUnique({ where: { id: connectionId } }))?.tokenVersion ?? 0) >= 1, 20_000)).toBe(true);
    await recordWithdrawal(participantSession(participantId), { reason: null, keepSnapshot: false });
    const result = await running;
    const client = await db();
    expect(await client.patientSnapshot.count({ where: { connectionId } })).toBe(0);
    expect(await client.fhirResource.count({ where: { connectionId } })).toBe(0);
    const row = await client.connection.findUniqueOrThrow({ where: { id: connectionId }, select: { status: true, accessTokenEnc: true, refreshTokenEnc: true, lastSyncAt: true } });
    expect(row).toEqual({ status: "withdrawn", accessTokenEnc: null, refreshTokenEnc: null, lastSyncAt: null });
    expect(result).toMatchObject({ ok: false });
  }, 60_000);

  it("a sync storing pages when the participant withdraws leaves nothing stored afterwards", async () => {
    const n = next++;
    const { connectionId, participantId } = await connect(n);
    await ehr.admin("/faults", { target: "fhir", mode: "latency", latencyMs: 400 });
    const running = sync(connectionId);
    const client = await db();
    expect(await waitFor(async () => (await client.fhirResource.count({ where: { connectionId, resourceType: { not: "Patient" } } })) > 0, 30_000)).toBe(true);
    await recordWithdrawal(participantSession(participantId), { reason: null, keepSnapshot: false });
    expect((await running).kind).toBe("stopped");
    expect(await client.fhirResource.count({ where: { connectionId } })).toBe(0);
    expect(await client.patientSnapshot.count({ where: { connectionId } })).toBe(0);
  }, 60_000);
});

describe("a hostile EHR", () => {
  it("each bad search is recorded for its type with a plain reason; the other types are stored and the connection stays connected", async () => {
    const n = next++;
    const patient = patientOf(n);
    const { connectionId } = await connect(n);
    const bundle = (entries: unknown[], next?: string) => JSON.stringify({ resourceType: "Bundle", type: "searchset", entry: entries.map((resource) => ({ resource })), ...(next && { link: [{ relation: "next", url: next }] }) });
    const of = (type: string, id: string, who = patient) => ({ resourceType: type, id, [type === "Observation" ? "subject" : "patient"]: { reference: `Patient/${who}` } });
    let base = "";
    const server = await startTestServer({}, (req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      const type = url.pathname.split("/")[2] ?? "";
      const send = (status: number, body: string) => res.writeHead(status, { "content-type": "application/fhir+json" }).end(body);
      if (type === "Patient") return send(200, JSON.stringify({ resourceType: "Patient", id: patient, name: [{ family: "Hostile" }] }));
      if (type === "Condition") return send(200, bundle([of("Condition", "c1"), of("Condition", "c2"), of("Condition", "c3", "someone-else"), of("Observation", "o9")]));
      if (type === "Observation")
        return url.searchParams.has("page") ? send(200, '{"resourceType":"Bundle","entry":[{') : send(200, bundle([of("Observation", "o1"), of("Observation", "o2")], `${base}/Observation?page=2`));
      if (type === "Encounter") return send(403, JSON.stringify({ resourceType: "OperationOutcome" }));
      if (type === "Procedure") return send(404, JSON.stringify({ resourceType: "OperationOutcome" }));
      if (type === "Immunization") return; // never answers
      if (type === "AllergyIntolerance") return send(200, bundle([], "http://elsewhere.invalid/fhir/AllergyIntolerance?page=2"));
      return send(200, bundle([]));
    });
    base = `${server.url.replace(/\/$/, "")}/fhir`;
    try {
      const target = { ...(await getSyncTarget(connectionId))!, fhirBaseUrl: base };
      const limiter = new EhrLimiter(8);
      const result = await pullRecord({
        target,
        fetch: { fhirBase: base, patientId: patient, accessToken: "token", timeoutMs: 1000, polite: (job) => limiter.run("h", job), pause: (sec) => limiter.pause("h", sec) },
        capabilities: null,
        settings: recordSettings(),
      });
      expect(result).toMatchObject({ stopped: false, failed: 3 });
      const states = Object.fromEntries((await (await db()).recordTypeState.findMany({ where: { connectionId } })).map((r) => [r.searchKey, r]));
      expect(states.Condition).toMatchObject({ state: "done", refusedCount: 2 });
      expect(states.Observation).toMatchObject({ state: "failed", lastError: expect.stringMatching(/not valid JSON/) });
      expect(states.Encounter).toMatchObject({ state: "refused", lastError: expect.stringMatching(/refused/) });
      expect(states.Procedure).toMatchObject({ state: "unsupported" });
      expect(states.Immunization).toMatchObject({ state: "failed", lastError: expect.stringMatching(/too long/) });
      expect(states.AllergyIntolerance).toMatchObject({ state: "failed", lastError: expect.stringMatching(/another address/) });
      expect(states.MedicationOrder).toMatchObject({ state: "done" });
      expect(await held(connectionId)).toEqual({ Patient: [patient], Condition: ["c1", "c2"], Observation: ["o1", "o2"] });
      expect((await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId } })).status).toBe("connected");
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe("the first sync", () => {
  it("is queued right after enrollment: a reconnect lifts the previous failure's hold-back and the connection is due at once", async () => {
    const { connectionId } = await ehr.connect(next++);
    const client = await db();
    // As after a failed sync: synced a while ago and held back for an hour.
    await client.connection.update({ where: { id: connectionId }, data: { lastSyncAt: new Date(), leaseUntil: new Date(Date.now() + 3_600_000) } });
    await queueFirstSync(connectionId);
    expect(await client.connection.findUniqueOrThrow({ where: { id: connectionId }, select: { lastSyncAt: true, leaseUntil: true } })).toEqual({ lastSyncAt: null, leaseUntil: null });
    expect(await hasFirstSyncWaiting()).toBe(true);
  });
});

describe("each search's state", () => {
  /** Every state the connection's search rows showed while `run` ran (read every 50 ms). */
  async function statesDuring(connectionId: string, run: Promise<SyncOutcome>): Promise<{ outcome: SyncOutcome; seen: Set<string> }> {
    const client = await db();
    const seen = new Set<string>();
    let ended = false;
    const ending = run.finally(() => (ended = true));
    while (!ended) {
      for (const row of await client.recordTypeState.findMany({ where: { connectionId }, select: { state: true } })) seen.add(row.state);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { outcome: await ending, seen };
  }

  it("is pending from the start of a first sync; a later pass keeps each search's last result until it finishes it", async () => {
    const { connectionId } = await connect(next++);
    // Every FHIR answer a second late: the writer stores what waits within half a second, long
    // before any search has its first page.
    await ehr.admin("/faults", { target: "fhir", mode: "latency", latencyMs: 1000 });
    const first = await statesDuring(connectionId, sync(connectionId));
    expect(first.outcome).toMatchObject({ kind: "synced", complete: true });
    expect(first.seen).toContain("pending"); // the participant's progress counts every planned search

    const second = await statesDuring(connectionId, sync(connectionId));
    expect(second.outcome).toMatchObject({ kind: "synced", complete: true, written: {} });
    expect([...second.seen]).toEqual(["done"]);
  }, 90_000);
});
