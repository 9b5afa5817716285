import { describe, expect, it } from "vitest";
import { db } from "../db";
import { allergy, bloodPressure, immunization, labResult, medicationOrder, medicationStatement } from "../fhir/record/factories";
import type { StaffSession } from "../staff/roles";
import { participantSession } from "./callers";
import { getMyRecordStatus, getRecordStatusForStaff } from "./record-progress";
import { plannedSearches } from "./record-state-factories";
import { aConnection, aHealthSystem, storedResources } from "./test-factories";

const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };
const loinc = ["loinc", "2345-7", "Glucose"] as const;
const rx = ["rxnorm", "1191", "Aspirin"] as const;

/** A record of 3 labs, 2 vitals, 2 medicines (a prescription and a statement), 1 allergy, in the EHR's version. */
async function aRecord(version: "DSTU2" | "R4") {
  const hs = await aHealthSystem();
  const c = await aConnection(hs.id);
  const p = { patientId: c.patientId };
  await storedResources(c.id, [
    { resourceType: "Patient", id: c.patientId },
    ...[1, 2, 3].map((n) => labResult(version, { ...p, id: `lab-${n}`, code: loinc, value: n, unit: "mmol/L", date: "2026-01-02" })),
    ...[1, 2].map((n) => bloodPressure(version, { ...p, id: `bp-${n}`, systolic: 120, diastolic: 80, date: "2026-01-02" })),
    medicationOrder(version, { ...p, id: "mo", code: rx, written: "2026-01-01", dosage: "daily" }),
    medicationStatement(version, { ...p, id: "ms", code: rx, date: "2026-01-01", dosage: "daily" }),
    allergy(version, { ...p, id: "a", code: ["snomed", "91936005", "Penicillin"], reaction: ["snomed", "271807003", "Rash"], recorded: "2020-01-01" }),
  ] as never);
  await storedResources(c.id, [{ resourceType: "Medication", id: "med-1" }, { resourceType: "Practitioner", id: "dr-1" }], { source: "reference" });
  // Removed resources are not held.
  await storedResources(c.id, [immunization(version, { ...p, id: "gone", code: ["cvx", "140", "Flu"], date: "2020-01-01" })] as never);
  await (await db()).fhirResource.updateMany({ where: { connectionId: c.id, fhirId: "gone" }, data: { removedAt: new Date() } });
  return c;
}

describe("the participant's record sync, as their confirmation page shows it", () => {
  it("before any search is planned: nothing to count, not complete", async () => {
    const hs = await aHealthSystem();
    const c = await aConnection(hs.id);
    expect(await getMyRecordStatus(participantSession(c.participantId))).toMatchObject({ connectionStatus: "connected", progress: { finished: 0, planned: 0, complete: false }, arrival: null });
  });

  it("while searches are pending: n of m, no summary yet", async () => {
    const c = await aRecord("R4");
    await plannedSearches(c.id, { Patient: "done", "Observation:laboratory": "done", "Observation:vital-signs": "pending", MedicationRequest: "failed", Immunization: "pending" });
    const status = await getMyRecordStatus(participantSession(c.participantId));
    expect(status).toMatchObject({ progress: { finished: 3, planned: 5, complete: false }, arrival: null });
  });

  it.each(["DSTU2", "R4"] as const)("%s: once finished, what arrived by kind and what did not", async (version) => {
    const c = await aRecord(version);
    const medicines = version === "R4" ? "MedicationRequest" : "MedicationOrder";
    await plannedSearches(c.id, {
      Patient: "done",
      "Observation:laboratory": "done",
      "Observation:vital-signs": "done",
      "Observation:survey": "unsupported",
      [medicines]: "done",
      MedicationStatement: "done",
      AllergyIntolerance: "done",
      Immunization: "refused",
      Procedure: { state: "failed", lastError: "The health system did not answer in time.", lastErrorAt: new Date() },
      Goal: "done",
    });
    const status = await getMyRecordStatus(participantSession(c.participantId));
    expect(status?.progress).toEqual({ finished: 10, planned: 10, complete: true });
    expect(status?.arrival).toEqual({
      arrived: [
        { kind: "labs", count: 3 },
        { kind: "vitals", count: 2 },
        { kind: "medications", count: 2 },
        { kind: "allergies", count: 1 },
      ],
      notShared: ["immunizations", "surveys"],
      notRead: ["procedures"],
      noneFound: ["goals"],
    });
  });

  it("reads only the participant's own newest connection", async () => {
    const mine = await aRecord("R4");
    const theirs = await aRecord("R4");
    await plannedSearches(theirs.id, { Condition: "done" });
    await plannedSearches(mine.id, { Condition: "pending" });
    expect((await getMyRecordStatus(participantSession(mine.participantId)))?.progress).toEqual({ finished: 0, planned: 1, complete: false });
    expect(await getMyRecordStatus(participantSession("no-such-participant"))).toBeNull();
  });
});

describe("the record's sync status for staff", () => {
  it("per search: state, count held, last change, last error; referenced types apart; when last complete", async () => {
    const c = await aRecord("R4");
    const syncedAt = new Date("2026-11-20T10:00:00Z");
    await (await db()).connection.update({ where: { id: c.id }, data: { recordSyncedAt: syncedAt } });
    const errorAt = new Date("2026-11-21T09:00:00Z");
    await plannedSearches(c.id, {
      Patient: "done",
      "Observation:laboratory": "done",
      "Observation:vital-signs": { state: "failed", lastError: "The health system's page was not valid JSON.", lastErrorAt: errorAt, refusedCount: 2 },
      MedicationRequest: "done",
      Immunization: "refused",
      Condition: "pending",
    });
    const [status] = await getRecordStatusForStaff(viewer, c.participantId);
    expect(status).toMatchObject({ connectionId: c.id, recordSyncedAt: syncedAt, progress: { finished: 5, planned: 6, complete: false } });
    expect(status!.searches.map((s) => s.searchKey)).toEqual(["Patient", "Observation:laboratory", "Observation:vital-signs", "Condition", "MedicationRequest", "Immunization"]);
    const byKey = Object.fromEntries(status!.searches.map((s) => [s.searchKey, s]));
    expect(byKey["Observation:laboratory"]).toMatchObject({ kind: "labs", state: "done", held: 3 });
    expect(byKey["Observation:vital-signs"]).toMatchObject({ kind: "vitals", state: "failed", held: 2, lastError: "The health system's page was not valid JSON.", lastErrorAt: errorAt, refusedCount: 2 });
    expect(byKey["MedicationRequest"]).toMatchObject({ kind: "medications", held: 1 });
    expect(byKey["Immunization"]).toMatchObject({ state: "refused", held: 0, lastChangedAt: null });
    expect(byKey["Condition"]).toMatchObject({ state: "pending", held: 0 });
    expect(byKey["Patient"]).toMatchObject({ kind: null, held: 1 });
    expect(byKey["Observation:laboratory"]!.lastChangedAt).toBeInstanceOf(Date);
    expect(status!.otherHeld.map((t) => [t.resourceType, t.source, t.count]).sort()).toEqual([
      ["AllergyIntolerance", "record", 1],
      ["Medication", "reference", 1],
      ["MedicationStatement", "record", 1],
      ["Practitioner", "reference", 1],
    ]);
  });

  it("every connection of the participant, newest first; none of another participant's", async () => {
    const c = await aRecord("DSTU2");
    const hs2 = await aHealthSystem();
    const second = await (await db()).connection.create({ data: { participantId: c.participantId, healthSystemId: hs2.id, patientId: "p-second", connectedAt: new Date(Date.now() + 1000) } });
    const statuses = await getRecordStatusForStaff(viewer, c.participantId);
    expect(statuses.map((s) => s.connectionId)).toEqual([second.id, c.id]);
    expect(statuses[0]).toMatchObject({ searches: [], otherHeld: [], progress: { planned: 0 } });
    expect(await getRecordStatusForStaff(viewer, "someone-else")).toEqual([]);
  });

  it("needs a staff role", async () => {
    await expect(getRecordStatusForStaff({ ...viewer, role: "nobody" as never }, "x")).rejects.toThrow(/viewer/);
  });
});
