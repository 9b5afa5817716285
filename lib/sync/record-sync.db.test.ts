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
import { getSyncTarget } from "../data/sync-claims";
import { startTestEhr, type TestEhr } from "../connections/test-support";
import { capabilityCache } from "./capabilities";
import { refreshAndSyncConnection, syncConnection, type SyncOutcome } from "./connection-sync";
import { EhrLimiter } from "./ehr-limiter";

let ehr: TestEhr;
let next = 1;
beforeAll(async () => {
  ehr = await startTestEhr(500);
});
afterAll(() => ehr.close());
afterEach(() => ehr.admin("/faults", undefined));

const patientOf = (n: number) => `synthetic-${String(n).padStart(6, "0")}`;

/** One sync of the connection, the way the worker runs it (refresh, every planned search, store). */
async function sync(connectionId: string): Promise<SyncOutcome> {
  const target = await getSyncTarget(connectionId);
  return syncConnection(target!, { owner: "record-test", limiter: new EhrLimiter(8), capabilities: capabilityCache() });
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

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe("the whole record", () => {
  it("a first sync stores exactly the sandbox's record, type by type, with a done state per search", async () => {
    const n = next++;
    const { connectionId } = await ehr.connect(n);
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
    const { connectionId } = await ehr.connect(n);
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

describe("the grant", () => {
  it("without offline_access the refresh token is never used, and a type without read scope (the Patient too) is not fetched", async () => {
    const n = next++;
    const { connectionId } = await ehr.connect(n, 3600);
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
    const { connectionId, participantId } = await ehr.connect(n);
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
    const { connectionId, participantId } = await ehr.connect(n);
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
