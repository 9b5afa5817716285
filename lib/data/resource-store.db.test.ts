/**
 * The resource store's writes as the sync makes them, several connections in the same moment
 * (they are group-committed on SQLite): each page is still stored whole or not at all, and each
 * connection's write still checks that its connection is active (finding 10).
 */
import { describe, expect, it } from "vitest";
import { db } from "../db";
import type { ResourceRow } from "../db";
import { hashOf } from "../fhir/record-fetch/entries";
import { storeRecordBatch } from "./resource-store";
import { aConnection, aHealthSystem } from "./test-factories";

function page(patientId: string, ids: string[]): ResourceRow[] {
  return ids.map((id) => {
    const json = JSON.stringify({ resourceType: "Observation", id, subject: { reference: `Patient/${patientId}` } });
    return { resourceType: "Observation", fhirId: id, versionId: null, lastUpdated: null, contentHash: hashOf(json), json };
  });
}

/** One page as the writer hands it on, alone in its batch. */
async function storeResources(connectionId: string, source: string, rows: ResourceRow[], options: { nothingStored?: boolean } = {}) {
  const done = await storeRecordBatch(connectionId, { groups: [{ source, rows }], removals: [], states: [] }, options.nothingStored ? { storedTypes: new Set<string>() } : {});
  return { active: done.active, written: Object.values(done.written).reduce((a, b) => a + b, 0) };
}

async function markMissingRemoved(connectionId: string, resourceType: string, keep: string[]) {
  const done = await storeRecordBatch(connectionId, { groups: [], removals: [{ resourceType, keep }], states: [] });
  return { active: done.active, written: done.removed[resourceType] ?? 0 };
}

const heldIds = async (connectionId: string) =>
  (await (await db()).fhirResource.findMany({ where: { connectionId, removedAt: null }, select: { fhirId: true }, orderBy: { fhirId: "asc" } })).map((r) => r.fhirId);

describe("storing pages of several connections at once", () => {
  it("stores each active connection's page and nothing for a withdrawn one, in the same moment", async () => {
    const hs = await aHealthSystem();
    const [a, b, withdrawn] = await Promise.all([aConnection(hs.id), aConnection(hs.id), aConnection(hs.id)]);
    await (await db()).participant.update({ where: { id: withdrawn.participantId }, data: { status: "withdrawn" } });
    const outcomes = await Promise.all([
      storeResources(a.id, "record", page(a.patientId, ["a1", "a2"])),
      storeResources(withdrawn.id, "record", page(withdrawn.patientId, ["w1"])),
      storeResources(b.id, "record", page(b.patientId, ["b1", "b2", "b3"])),
    ]);
    expect(outcomes).toEqual([{ active: true, written: 2 }, { active: false, written: 0 }, { active: true, written: 3 }]);
    expect(await heldIds(a.id)).toEqual(["a1", "a2"]);
    expect(await heldIds(b.id)).toEqual(["b1", "b2", "b3"]);
    expect(await heldIds(withdrawn.id)).toEqual([]);
  });

  it("a page that cannot be stored leaves none of its rows, and the other connections' pages of the moment are stored", async () => {
    const hs = await aHealthSystem();
    const [a, b] = await Promise.all([aConnection(hs.id), aConnection(hs.id)]);
    const broken = page(a.patientId, ["ok-1", "bad", "ok-2"]);
    broken[1] = { ...broken[1]!, json: null as unknown as string }; // resourceJson is NOT NULL: this row fails
    const [bad, good] = await Promise.allSettled([storeResources(a.id, "record", broken), storeResources(b.id, "record", page(b.patientId, ["b1"]))]);
    expect(bad.status).toBe("rejected");
    expect(good).toEqual({ status: "fulfilled", value: { active: true, written: 1 } });
    expect(await heldIds(a.id)).toEqual([]);
    expect(await heldIds(b.id)).toEqual(["b1"]);
  });

  it("writes nothing again for pages already stored, and marks removed only what a full re-pull no longer lists", async () => {
    const hs = await aHealthSystem();
    const c = await aConnection(hs.id);
    expect(await storeResources(c.id, "record", page(c.patientId, ["x1", "x2", "x3"]))).toEqual({ active: true, written: 3 });
    expect(await storeResources(c.id, "record", page(c.patientId, ["x1", "x2", "x3"]))).toEqual({ active: true, written: 0 });
    expect(await markMissingRemoved(c.id, "Observation", ["x1", "x3"])).toEqual({ active: true, written: 1 });
    expect(await heldIds(c.id)).toEqual(["x1", "x3"]);
  });

  it("a first sync's pages skip the look-up of stored marks, and a page stored twice that way still writes nothing the second time", async () => {
    const hs = await aHealthSystem();
    const c = await aConnection(hs.id);
    const fresh = { nothingStored: true };
    expect(await storeResources(c.id, "record", page(c.patientId, ["f1", "f2"]), fresh)).toEqual({ active: true, written: 2 });
    const before = await (await db()).fhirResource.findMany({ where: { connectionId: c.id }, orderBy: { fhirId: "asc" } });
    // The same page again (an Observation in two category searches): the upsert's own condition leaves it as it is.
    expect(await storeResources(c.id, "record", page(c.patientId, ["f1", "f2"]), fresh)).toEqual({ active: true, written: 0 });
    expect(await (await db()).fhirResource.findMany({ where: { connectionId: c.id }, orderBy: { fhirId: "asc" } })).toEqual(before);
    // A changed resource is still written, and a withdrawn connection's page is not.
    const changed = page(c.patientId, ["f1"]).map((r) => ({ ...r, json: r.json.replace("}", ',"status":"final"}'), contentHash: "changed" }));
    expect(await storeResources(c.id, "record", changed, fresh)).toEqual({ active: true, written: 1 });
    await (await db()).participant.update({ where: { id: c.participantId }, data: { status: "withdrawn" } });
    expect(await storeResources(c.id, "record", page(c.patientId, ["f3"]), fresh)).toEqual({ active: false, written: 0 });
    expect(await heldIds(c.id)).toEqual(["f1", "f2"]);
  });
});
