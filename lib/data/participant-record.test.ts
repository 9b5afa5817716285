import { describe, expect, it } from "vitest";
import { db } from "../db";
import { labResult } from "../fhir/record/factories";
import { sampleRecord } from "../fhir/record/sample-record";
import type { StaffSession } from "../staff/roles";
import { getParticipantRecords, getStoredResourceForStaff } from "./participant-record";
import { aConnection, aHealthSystem, storedResources } from "./test-factories";

const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };

describe("a participant's record for staff, from the resource store", () => {
  it.each(["DSTU2", "R4"] as const)("%s: formats every section, leaves out removed resources, resolves referenced medicines", async (version) => {
    const hs = await aHealthSystem();
    const c = await aConnection(hs.id);
    const sample = sampleRecord(version, c.patientId, { size: 120 });
    await storedResources(c.id, sample);
    const removed = labResult(version, { patientId: c.patientId, id: "gone", code: ["loinc", "1-1", "Removed test"], value: 1, unit: "mg", date: "2026-01-01" });
    await storedResources(c.id, [removed]);
    await (await db()).fhirResource.updateMany({ where: { connectionId: c.id, fhirId: "gone" }, data: { removedAt: new Date() } });
    await storedResources(c.id, [
      { resourceType: "Medication", id: "med-9", code: { text: "Amoxicillin 500 mg" } },
      { resourceType: "MedicationRequest", id: "mr-9", status: "active", medicationReference: { reference: "Medication/med-9" }, authoredOn: "2026-02-01" },
    ], { source: "reference" });

    const [record] = await getParticipantRecords(viewer, c.participantId, { limit: Infinity });
    expect(record!.connectionId).toBe(c.id);
    expect(record!.resources).toBe(sample.length + 2);
    expect(record!.record.labs.rows.some((r) => r.name === "Removed test")).toBe(false);
    expect(record!.record.medications.rows.some((r) => r.medicine === "Amoxicillin 500 mg")).toBe(true);
    for (const key of ["conditions", "medications", "allergies", "immunizations", "labs", "vitals", "procedures", "encounters", "documents"] as const) {
      expect(record!.record[key].total, key).toBeGreaterThan(0);
    }
  });

  it("shows one resource's raw JSON only with the participant it belongs to, and audits the view", async () => {
    const hs = await aHealthSystem();
    const mine = await aConnection(hs.id);
    const theirs = await aConnection(hs.id);
    await storedResources(mine.id, [{ resourceType: "Condition", id: "c1", code: { text: "<b>Asthma</b>" } }]);
    const row = await (await db()).fhirResource.findFirstOrThrow({ where: { connectionId: mine.id } });
    expect(await getStoredResourceForStaff(viewer, theirs.participantId, row.id)).toBeNull();
    const view = await getStoredResourceForStaff(viewer, mine.participantId, row.id);
    expect(view).toMatchObject({ resourceType: "Condition", fhirId: "c1", source: "record", healthSystemName: hs.name });
    expect(view!.json).toContain('"text": "<b>Asthma</b>"');
    const audit = await (await db()).auditEvent.findMany({ where: { participantId: mine.participantId, action: "resource.view" } });
    expect(audit).toMatchObject([{ actorEmail: viewer.email, detail: "Condition/c1" }]);
    expect(await (await db()).auditEvent.count({ where: { participantId: theirs.participantId } })).toBe(0);
  });
});
