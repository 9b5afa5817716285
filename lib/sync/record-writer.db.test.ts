/**
 * The pull's writer (record-writer.ts), on both databases: what waits is written as one batch, in
 * order, only while the connection is active, and a state row never without the pages before it.
 */
import { describe, expect, it } from "vitest";
import { db } from "../db";
import type { RecordState } from "../data/record-states";
import { aConnection, aHealthSystem } from "../data/test-factories";
import { hashOf, type FetchedResource } from "../fhir/record-fetch/entries";
import { RecordWriter } from "./record-writer";

function page(patientId: string, ids: string[], resourceType = "Observation"): FetchedResource[] {
  return ids.map((id) => {
    const json = JSON.stringify({ resourceType, id, subject: { reference: `Patient/${patientId}` } });
    return { resourceType, fhirId: id, versionId: null, lastUpdated: null, contentHash: hashOf(json), json };
  });
}

const done = (searchKey: string, resourceType: string, cursor: string | null = null): RecordState => ({
  searchKey, resourceType, state: "done", cursor, lastCompleteAt: new Date(), lastFullAt: new Date(), lastError: null, lastErrorAt: null, refusedCount: 0,
});

const held = async (connectionId: string) =>
  (await (await db()).fhirResource.findMany({ where: { connectionId, removedAt: null }, select: { fhirId: true }, orderBy: { fhirId: "asc" } })).map((r) => r.fhirId);
const statesOf = async (connectionId: string) =>
  Object.fromEntries((await (await db()).recordTypeState.findMany({ where: { connectionId } })).map((s) => [s.searchKey, s.state]));

const settings = { maxRows: 5, maxBytes: 1024 * 1024, maxWaitMs: 0 };

describe("the pull's writer", () => {
  it("keeps pages and states until enough wait, then writes them as one batch; the flush writes the rest, with removals and counts by type", async () => {
    const c = await aConnection((await aHealthSystem()).id);
    const writer = new RecordWriter(c.id, settings);
    expect(await writer.addPage("record", page(c.patientId, ["o1", "o2", "o3"]))).toBe(true);
    writer.addState(done("Observation:laboratory", "Observation"));
    expect(await held(c.id)).toEqual([]);
    expect(await statesOf(c.id)).toEqual({});

    expect(await writer.addPage("record", page(c.patientId, ["o4", "o5"]))).toBe(true); // five wait: written at once
    expect(await held(c.id)).toEqual(["o1", "o2", "o3", "o4", "o5"]);
    expect(await statesOf(c.id)).toEqual({ "Observation:laboratory": "done" });

    await writer.addPage("reference", page(c.patientId, ["m1"], "Medication"));
    writer.addRemoval("Observation", ["o1", "o2", "o4", "o5"]);
    writer.addState(done("Observation:vital-signs", "Observation"));
    expect(await writer.flush()).toBe(true);
    expect(await held(c.id)).toEqual(["m1", "o1", "o2", "o4", "o5"]);
    expect(await statesOf(c.id)).toEqual({ "Observation:laboratory": "done", "Observation:vital-signs": "done" });
    expect(writer.written).toEqual({ Observation: 5, Medication: 1 });
    expect(writer.removed).toEqual({ Observation: 1 });
    expect(await (await db()).fhirResource.findFirst({ where: { connectionId: c.id, fhirId: "m1" }, select: { source: true } })).toEqual({ source: "reference" });
  });

  it("never stores a state row without the pages before it: a page that cannot be stored takes the batch's states with it", async () => {
    const c = await aConnection((await aHealthSystem()).id);
    const writer = new RecordWriter(c.id, { ...settings, maxRows: 100 });
    const broken = page(c.patientId, ["ok-1", "bad"]);
    broken[1] = { ...broken[1]!, fhirId: null as unknown as string }; // fhirId is NOT NULL: this row fails
    await writer.addPage("record", broken);
    writer.addState(done("Observation", "Observation", "2026-11-30T00:00:00Z"));
    await expect(writer.flush()).rejects.toThrow();
    expect(await held(c.id)).toEqual([]);
    expect(await statesOf(c.id)).toEqual({});
  });

  it("writes nothing once the participant has withdrawn, and says so to every later add", async () => {
    const c = await aConnection((await aHealthSystem()).id);
    const writer = new RecordWriter(c.id, { ...settings, maxRows: 100 });
    await writer.addPage("record", page(c.patientId, ["w1", "w2"]));
    writer.addState(done("Observation", "Observation"));
    await (await db()).participant.update({ where: { id: c.participantId }, data: { status: "withdrawn" } });
    expect(await writer.flush()).toBe(false);
    expect(await writer.addPage("record", page(c.patientId, ["w3"]))).toBe(false);
    expect(await writer.flush()).toBe(false);
    expect(await held(c.id)).toEqual([]);
    expect(await statesOf(c.id)).toEqual({});
    expect(writer.written).toEqual({});
  });

  it("writes what has waited `maxWaitMs` without being asked again", async () => {
    const c = await aConnection((await aHealthSystem()).id);
    const writer = new RecordWriter(c.id, { ...settings, maxRows: 100, maxWaitMs: 30 });
    await writer.addPage("record", page(c.patientId, ["t1"]));
    writer.addState(done("Observation", "Observation"));
    for (let i = 0; i < 100 && (await held(c.id)).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await held(c.id)).toEqual(["t1"]);
    expect(await statesOf(c.id)).toEqual({ Observation: "done" });
  });

  it("leaves out what is stored unchanged, unless the type held nothing when the pull began", async () => {
    const c = await aConnection((await aHealthSystem()).id);
    const first = new RecordWriter(c.id, { ...settings, maxRows: 100 });
    await first.addPage("record", page(c.patientId, ["u1", "u2"]));
    expect(await first.flush()).toBe(true);
    const again = new RecordWriter(c.id, { ...settings, maxRows: 100 });
    await again.addPage("record", [...page(c.patientId, ["u1", "u2"]), ...page(c.patientId, ["u3"])]);
    expect(await again.flush()).toBe(true);
    expect(again.written).toEqual({ Observation: 1 });
    expect(await held(c.id)).toEqual(["u1", "u2", "u3"]);
  });
});
