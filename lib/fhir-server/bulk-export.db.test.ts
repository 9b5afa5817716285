/**
 * Bulk Data export end to end, through the portal's own route handlers, on both databases: a
 * research tool (test/bulk-client.ts, which signs its own assertions) gets a token, kicks off,
 * polls and downloads; the files hold every stored resource of every active participant exactly
 * once, tagged, and nothing of a withdrawn one; `_since` gives only what changed (and what must be
 * deleted); cancel and expiry delete the files; a run whose process died is resumed.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { fhirApiFetch } from "../../test/fhir-api-in-process";
import { TestBulkClient } from "../../test/bulk-client";
import { db } from "../db";
import { operator, participantSession } from "../data/callers";
import { recordWithdrawal } from "../data/participants";
import { createResearchClient } from "../data/research-clients";
import { storeRecord, storeResources } from "../data/resource-store-factories";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "../data/test-factories";
import { claimNextExport, queueExport } from "../data/bulk-exports";
import { researchCallerForToken } from "../data/research-tokens";
import { cleanExpiredExports, exportRunSettings, runWaitingExports } from "../bulk-export/runner";
import { runExport } from "../bulk-export/run";

const root = mkdtempSync(join(tmpdir(), "bulk-export-test-"));
process.env.BULK_EXPORT_DIR = root;
const FHIR = "http://localhost:3000/api/fhir";
const PARTICIPANT_TAG = `${FHIR}/CodeSystem/participant-id`;

type Line = Record<string, unknown> & { resourceType: string; id: string; meta: { tag: { system: string; code: string }[] } };
type Manifest = { transactionTime: string; request: string; requiresAccessToken: boolean; output: { type: string; url: string; count: number; extension?: Record<string, string> }[]; deleted?: { url: string }[]; error: { url: string }[] };

async function aParticipantWithRecord(healthSystemId: string, fhirVersion: string, count: number) {
  const patientId = `p-${uniqueId()}`;
  const done = await enrolled(await anAttempt(healthSystemId), tokensFor(patientId));
  await storeRecord(done.connectionId, { fhirVersion, patientId, count });
  return { ...done, patientId };
}

const participantOf = (line: Line) => line.meta.tag.find((t) => t.system === PARTICIPANT_TAG)?.code;

/** What the database says an export at `until` must hold: every live resource of every active participant. */
async function expectedKeys(until: Date, since?: Date) {
  const rows = await (await db()).fhirResource.findMany({
    where: { removedAt: null, changedAt: { lte: until, ...(since && { gt: since }) }, connection: { participant: { status: "active" } } },
    select: { resourceType: true, fhirId: true, connection: { select: { participantId: true } } },
  });
  return rows.map((r) => `${r.connection.participantId} ${r.resourceType}/${r.fhirId}`).sort();
}

async function runToManifest(client: TestBulkClient, token: string, query = "") {
  const kick = await client.kickOff(token, query);
  expect(kick.status).toBe(202);
  const statusUrl = kick.headers.get("content-location")!;
  expect(statusUrl).toMatch(/^http:\/\/localhost:3000\/api\/fhir\/bulk-status\//);
  const done = await client.waitFor(statusUrl, token);
  expect(done.status).toBe(200);
  return { statusUrl, manifest: (await done.json()) as Manifest, response: done };
}

async function allLines(client: TestBulkClient, token: string, entries: { url: string }[]) {
  const lines: Line[] = [];
  for (const entry of entries) lines.push(...((await client.download(entry.url, token)) as Line[]));
  return lines;
}

let client: TestBulkClient;
let r4: { id: string };
let dstu2: { id: string };

beforeAll(async () => {
  client = await TestBulkClient.create(fhirApiFetch, FHIR, "ES384");
  client.clientId = (await createResearchClient(operator("test"), { name: `Analytics ${uniqueId()}`, jwks: client.jwks() })).id;
  r4 = await aHealthSystem();
  dstu2 = await aHealthSystem();
  await (await db()).healthSystem.update({ where: { id: r4.id }, data: { fhirVersion: "4.0.1" } });
  await (await db()).healthSystem.update({ where: { id: dstu2.id }, data: { fhirVersion: "1.0.2" } });
});

describe("a full export", () => {
  it("has every stored resource of every active participant exactly once, tagged, as stored; nothing of a withdrawn one", async () => {
    const ann = await aParticipantWithRecord(r4.id, "4.0.1", 20);
    const bob = await aParticipantWithRecord(dstu2.id, "1.0.2", 15);
    const gone = await aParticipantWithRecord(r4.id, "4.0.1", 10);
    await recordWithdrawal(participantSession(gone.participantId), { reason: null, keepSnapshot: false });
    await (await db()).connection.update({ where: { id: bob.connectionId }, data: { status: "needs_reconnect" } });
    await storeResources(ann.connectionId, [{ resourceType: "Observation", id: "removed-1", status: "final" }], { removedAt: new Date() });

    const token = await client.token();
    const { manifest, response } = await runToManifest(client, token);
    expect(response.headers.get("expires")).toBeTruthy();
    expect(manifest.requiresAccessToken).toBe(true);
    expect(manifest.request).toBe(`${FHIR}/Group/study/$export`);
    expect(manifest.error).toEqual([]);
    const byName = Object.fromEntries(manifest.output.map((o) => [o.url.split("/").at(-1), o]));
    expect(byName["MedicationOrder.dstu2.ndjson"]).toMatchObject({ type: "MedicationOrder", extension: { [`${FHIR}/StructureDefinition/fhir-version`]: "1.0.2" } });
    expect(byName["MedicationRequest.ndjson"]).toMatchObject({ type: "MedicationRequest", extension: { [`${FHIR}/StructureDefinition/fhir-version`]: "4.0.1" } });

    const lines = await allLines(client, token, manifest.output);
    for (const entry of manifest.output) expect(lines.filter((l) => entry.url.endsWith(`/${l.resourceType}${entry.url.includes(".dstu2.") ? ".dstu2" : ""}.ndjson`)).length).toBeGreaterThan(0);
    const got = lines.map((l) => `${participantOf(l)} ${l.resourceType}/${l.id}`).sort();
    expect(got).toEqual(await expectedKeys(new Date(manifest.transactionTime)));
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((k) => k.startsWith(gone.participantId))).toEqual([]);
    expect(got).toContain(`${bob.participantId} MedicationOrder/dstu2-3`);
    expect(got).not.toContain(`${ann.participantId} Observation/removed-1`);

    // As stored: the same JSON but for the tags added to meta.
    const stored = await (await db()).fhirResource.findFirstOrThrow({ where: { connectionId: bob.connectionId, fhirId: "dstu2-3" } });
    const line = lines.find((l) => participantOf(l) === bob.participantId && l.id === "dstu2-3")!;
    const { tag, ...meta } = line.meta;
    expect({ ...line, meta }).toEqual(JSON.parse(stored.resourceJson));
    expect(tag).toEqual([
      { system: PARTICIPANT_TAG, code: bob.participantId },
      { system: `${FHIR}/CodeSystem/health-system-id`, code: dstu2.id },
    ]);
  });

  it("drops tags an EHR put under the study's systems, and reports unusable stored JSON in the error file", async () => {
    const eve = await aParticipantWithRecord(r4.id, "4.0.1", 1);
    await storeResources(eve.connectionId, [{ resourceType: "Observation", id: "forged", meta: { tag: [{ system: PARTICIPANT_TAG, code: "someone-else" }, { system: "http://ehr.example/tags", code: "keep-me" }] } }]);
    await (await db()).fhirResource.updateMany({ where: { connectionId: eve.connectionId, resourceType: "Patient" }, data: { resourceJson: "[not json" } });
    const token = await client.token();
    const { manifest } = await runToManifest(client, token, "?_type=Observation,Patient");
    const lines = await allLines(client, token, manifest.output);
    const forged = lines.find((l) => l.id === "forged" && participantOf(l) === eve.participantId)!;
    expect(forged.meta.tag.filter((t) => t.system === PARTICIPANT_TAG)).toEqual([{ system: PARTICIPANT_TAG, code: eve.participantId }]);
    expect(forged.meta.tag).toContainEqual({ system: "http://ehr.example/tags", code: "keep-me" });
    expect(lines.every((l) => l.resourceType === "Observation" || l.resourceType === "Patient")).toBe(true);
    const errors = await allLines(client, token, manifest.error);
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain(`Patient/${eve.patientId} of participant ${eve.participantId} could not be exported`);
    await (await db()).fhirResource.deleteMany({ where: { connectionId: eve.connectionId } });
  });
});

describe("_since", () => {
  it("gives only what changed after it, and lists what was removed or withdrawn as deleted", async () => {
    const ann = await aParticipantWithRecord(r4.id, "4.0.1", 5);
    const leaver = await aParticipantWithRecord(dstu2.id, "1.0.2", 3);
    const token = await client.token();
    const first = await runToManifest(client, token);
    const since = first.manifest.transactionTime;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = new Date();
    const database = await db();
    await database.fhirResource.updateMany({ where: { connectionId: ann.connectionId, fhirId: "r4-1" }, data: { changedAt: later, resourceJson: JSON.stringify({ resourceType: "Observation", id: "r4-1", status: "amended" }) } });
    await storeResources(ann.connectionId, [{ resourceType: "Condition", id: "new-1", clinicalStatus: { text: "active" } }], { changedAt: later });
    await database.fhirResource.updateMany({ where: { connectionId: ann.connectionId, fhirId: "r4-2" }, data: { removedAt: later } });
    await recordWithdrawal(participantSession(leaver.participantId), { reason: null, keepSnapshot: false });

    const { manifest } = await runToManifest(client, token, `?_since=${encodeURIComponent(since)}`);
    const lines = await allLines(client, token, manifest.output);
    const got = lines.map((l) => `${participantOf(l)} ${l.resourceType}/${l.id}`).sort();
    expect(got).toEqual(await expectedKeys(new Date(manifest.transactionTime), new Date(since)));
    expect(got).toEqual(expect.arrayContaining([`${ann.participantId} Observation/r4-1`, `${ann.participantId} Condition/new-1`]));
    expect(got.filter((k) => k.startsWith(ann.participantId))).toHaveLength(2);
    expect(lines.find((l) => l.id === "r4-1" && participantOf(l) === ann.participantId)).toMatchObject({ status: "amended" });

    const deleted = await allLines(client, token, manifest.deleted!);
    const urls = (tagCode: string) =>
      deleted.filter((b) => participantOf(b as Line) === tagCode).flatMap((b) => (b.entry as { request: { method: string; url: string } }[]).map((e) => `${e.request.method} ${e.request.url}`));
    expect(urls(ann.participantId)).toEqual(["DELETE Observation/r4-2"]);
    expect(urls(leaver.participantId).sort()).toEqual(["DELETE Condition/dstu2-2", "DELETE Observation/dstu2-0", "DELETE Observation/dstu2-1", `DELETE Patient/${leaver.patientId}`]);
    expect(deleted.every((b) => b.resourceType === "Bundle" && b.type === "transaction")).toBe(true);
  });
});

describe("a participant who withdrew under the keep policy", () => {
  it("keeps what was collected before the withdrawal in exports, and nothing stored after it", async () => {
    const kept = await aParticipantWithRecord(r4.id, "4.0.1", 4);
    await recordWithdrawal(participantSession(kept.participantId), { reason: null, keepSnapshot: true });
    const withdrawnAt = (await (await db()).participant.findUniqueOrThrow({ where: { id: kept.participantId } })).withdrawnAt!;
    await storeResources(kept.connectionId, [{ resourceType: "Observation", id: "after-withdrawal" }], { changedAt: new Date(withdrawnAt.getTime() + 1) });
    const token = await client.token();
    const caller = (await researchCallerForToken(token))!;
    // Queued and run here, with the study's policy set to keep.
    const queued = await queueExport(caller, { request: "test", types: null, since: null, notes: [], transactionTime: new Date(withdrawnAt.getTime() + 10) }, 100);
    await runWaitingExports({ ...exportRunSettings(), withdrawalPolicy: "keep" });
    const done = await client.waitFor(`${FHIR}/bulk-status/${queued.ok ? queued.id : ""}`, token);
    const lines = await allLines(client, token, ((await done.json()) as Manifest).output);
    const mine = lines.filter((l) => participantOf(l) === kept.participantId).map((l) => `${l.resourceType}/${l.id}`);
    expect(mine.sort()).toEqual([`Condition/r4-3`, `Observation/r4-0`, `Observation/r4-1`, `Observation/r4-2`, `Patient/${kept.patientId}`]);
  });
});

describe("cancel and expiry", () => {
  it("a DELETE on the status URL cancels; the status is then 404 and the files are gone", async () => {
    await aParticipantWithRecord(r4.id, "4.0.1", 3);
    const token = await client.token();
    const { statusUrl, manifest } = await runToManifest(client, token);
    const exportId = statusUrl.split("/").at(-1)!;
    expect(existsSync(join(root, exportId))).toBe(true);
    const cancel = await fhirApiFetch(statusUrl, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
    expect(cancel.status).toBe(202);
    expect(existsSync(join(root, exportId))).toBe(false);
    const after = await client.get(statusUrl, token);
    expect(after.status).toBe(404);
    expect(await after.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "deleted" }] });
    expect((await client.get(manifest.output[0]!.url, token)).status).toBe(404);
    expect((await fhirApiFetch(statusUrl, { method: "DELETE", headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  it("files expire after the retention time and are deleted", async () => {
    const token = await client.token();
    const { statusUrl, manifest } = await runToManifest(client, token, "?_type=Patient");
    const exportId = statusUrl.split("/").at(-1)!;
    await (await db()).bulkExport.update({ where: { id: exportId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await client.get(manifest.output[0]!.url, token)).status).toBe(404);
    await cleanExpiredExports(root);
    expect(existsSync(join(root, exportId))).toBe(false);
    const status = await client.get(statusUrl, token);
    expect(status.status).toBe(404);
    expect(await status.json()).toMatchObject({ issue: [{ code: "expired" }] });
  });
});

describe("a run whose process died", () => {
  // The test below stops a run at its second checkpoint and expects it to have written two
  // connections. It failed about once in twenty runs: a checkpoint came only once *more* than
  // checkpointMs (0) had passed, so a connection written within the same millisecond as the save
  // before it got none. The clock held still makes that every time.
  it("with checkpointMs 0, saves a checkpoint after every connection, however fast they go", async () => {
    for (let i = 0; i < 3; i++) await aParticipantWithRecord(r4.id, "4.0.1", 1);
    const token = await client.token();
    const database = await db();
    await database.bulkExport.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled" } });
    const caller = (await researchCallerForToken(token))!;
    const queued = await queueExport(caller, { request: "test", types: ["Patient"], since: null, notes: [], transactionTime: new Date() }, 100);
    const job = await claimNextExport("steady-runner", 60_000);
    expect(job?.id).toBe(queued.ok ? queued.id : "");
    const done: number[] = [];
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now);
    try {
      expect(await runExport(job!, { ...exportRunSettings(), owner: "steady-runner", checkpointMs: 0, connectionsPerPage: 2, onCheckpoint: (c) => void done.push(c.done) })).toBe("complete");
    } finally {
      clock.mockRestore();
    }
    const connections = (await database.bulkExport.findUniqueOrThrow({ where: { id: job!.id } })).connectionsDone;
    expect(connections).toBeGreaterThanOrEqual(3);
    expect(done).toEqual(Array.from({ length: connections }, (_, i) => i + 1));
  });

  it("is resumed from its checkpoint by the next runner, and still has every resource exactly once", async () => {
    for (let i = 0; i < 6; i++) await aParticipantWithRecord(i % 2 ? r4.id : dstu2.id, i % 2 ? "4.0.1" : "1.0.2", 4);
    const token = await client.token();
    // Queue without letting this process's runner take it: a job another "process" holds.
    const database = await db();
    await database.bulkExport.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled" } });
    const kick = await client.kickOff(token);
    const statusUrl = kick.headers.get("content-location")!;
    const exportId = statusUrl.split("/").at(-1)!;
    await client.waitFor(statusUrl, token);
    // Run it again from the start, as a runner that dies after its second checkpoint.
    await database.bulkExport.update({ where: { id: exportId }, data: { status: "queued", files: null, checkpoint: null, leaseUntil: null } });
    const crashed = { ...exportRunSettings(), owner: "dying-runner", checkpointMs: 0, connectionsPerPage: 2 };
    const job = await claimNextExport("dying-runner", 60_000);
    expect(job?.id).toBe(exportId);
    let checkpoints = 0;
    await expect(
      runExport(job!, { ...crashed, onCheckpoint: () => { if (++checkpoints === 2) throw new Error("the process died"); } }),
    ).rejects.toThrow("the process died");
    const stalled = await database.bulkExport.findUniqueOrThrow({ where: { id: exportId } });
    expect(stalled.status).toBe("running");
    expect(JSON.parse(stalled.checkpoint!).done).toBe(2);
    // Its lease runs out; the next runner resumes it into a folder of its own.
    await database.bulkExport.update({ where: { id: exportId }, data: { leaseUntil: new Date(Date.now() - 1) } });
    await runWaitingExports({ ...exportRunSettings(), owner: "next-runner" });
    const done = await client.waitFor(statusUrl, token);
    expect(done.status).toBe(200);
    const manifest = (await done.json()) as Manifest;
    expect(manifest.output[0]!.url).toBeTruthy();
    const resumed = await database.bulkExport.findUniqueOrThrow({ where: { id: exportId } });
    expect(resumed.attempts).toBe(3);
    expect(existsSync(join(root, exportId, "a2"))).toBe(false);
    const lines = await allLines(client, token, manifest.output);
    const got = lines.map((l) => `${participantOf(l)} ${l.resourceType}/${l.id}`).sort();
    expect(got).toEqual(await expectedKeys(new Date(manifest.transactionTime)));
  });

  it("is failed with a plain message, not retried forever, when it keeps taking its process down", async () => {
    const token = await client.token();
    const caller = (await researchCallerForToken(token))!;
    const queued = await queueExport(caller, { request: "test", types: ["Patient"], since: null, notes: [], transactionTime: new Date() }, 100);
    const id = queued.ok ? queued.id : "";
    await (await db()).bulkExport.update({ where: { id }, data: { status: "running", attempts: 5, leaseOwner: "a-dead-runner", leaseUntil: new Date(Date.now() - 1) } });
    await runWaitingExports({ ...exportRunSettings(), owner: "next-runner" });
    const status = await client.get(`${FHIR}/bulk-status/${id}`, token);
    expect(status.status).toBe(500);
    expect(await status.json()).toMatchObject({ issue: [{ code: "exception", diagnostics: expect.stringMatching(/stopped several times/) }] });
  });
});
