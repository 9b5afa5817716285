import { describe, expect, it } from "vitest";
import { formatDocument } from "./documents";
import { formatEncounter } from "./encounters";
import { documentReference, encounter, medicationOrder, medicationStatement } from "./factories";
import { formatMedication, medicineName } from "./medications";

const p = { patientId: "p1" };
const versions = ["DSTU2", "R4"] as const;

describe("formatEncounter", () => {
  it.each(versions)("%s: type, setting, dates, reason, place", (version) => {
    const row = formatEncounter(
      encounter(version, { ...p, id: "e1", type: ["snomed", "185349003", "Encounter for check up"], start: "2026-02-03T09:00:00Z", end: "2026-02-03T10:00:00Z", setting: "emergency", reason: ["snomed", "38341003", "Hypertension"], place: "Riverside ER" }),
      "r",
    );
    expect(row).toMatchObject({ type: "Encounter for check up", setting: "Emergency", date: "Feb 3, 2026", reason: "Hypertension", place: "Riverside ER", status: "Finished" });
  });

  it.each([
    [{ class: "inpatient", period: { start: "2026-01-01", end: "2026-01-04" } }, "Inpatient", "Jan 1, 2026 – Jan 4, 2026"],
    [{ class: { code: "VR" } }, "Virtual", ""],
    [{ class: { code: "ZZZ", display: "Somewhere" } }, "Somewhere", ""],
    [{ class: 7 }, "", ""],
  ])("%j", (fields, setting, date) => {
    const row = formatEncounter(fields, "r");
    expect([row.setting, row.date]).toEqual([setting, date]);
  });
});

describe("formatDocument", () => {
  it.each(versions)("%s: title and date (attachments are not fetched)", (version) => {
    const row = formatDocument(documentReference(version, { ...p, id: "d1", type: ["loinc", "18842-5", "Discharge summary"], date: "2025-07-08T12:00:00Z", title: "Discharge summary, July 2025" }), "r");
    expect(row).toMatchObject({ title: "Discharge summary, July 2025", kind: "Discharge summary", date: "Jul 8, 2025", format: "PDF", status: "Current" });
  });

  it.each([
    [{ description: "Letter", type: { text: "Letter" } }, "Letter", ""],
    [{ type: { text: "Consult note" } }, "Consult note", ""],
    [{}, "Untitled document", ""],
    [{ content: [{ attachment: { title: "<b>x</b>", creation: "2020-01-01" } }] }, "<b>x</b>", ""],
  ])("%j", (resource, title, kind) => {
    const row = formatDocument(resource, "r");
    expect([row.title, row.kind]).toEqual([title, kind]);
  });
});

describe("formatMedication", () => {
  const lisinopril = ["rxnorm", "314076", "lisinopril 10 MG Oral Tablet"] as const;
  it.each(versions)("%s prescription and statement", (version) => {
    expect(formatMedication(medicationOrder(version, { ...p, id: "m1", code: lisinopril, written: "2024-01-02", dosage: "Take 1 tablet daily" }), "r")).toMatchObject({
      medicine: lisinopril[2], kind: "Prescribed", dosage: "Take 1 tablet daily", date: "Jan 2, 2024", status: "Active",
    });
    expect(formatMedication(medicationStatement(version, { ...p, id: "m2", code: lisinopril, date: "2024-02-03", dosage: "Daily" }), "r")).toMatchObject({ kind: "Reported taking", date: "Feb 3, 2024" });
  });

  it("resolves references to stored and contained Medication resources", () => {
    const medications = new Map([["Medication/med-1", { resourceType: "Medication", id: "med-1", code: { text: "Amoxicillin 500 mg" } }]]);
    expect(medicineName({ medicationReference: { reference: "Medication/med-1" } }, medications)).toBe("Amoxicillin 500 mg");
    expect(medicineName({ medicationReference: { reference: "https://ehr.example/fhir/Medication/med-1" } }, medications)).toBe("Amoxicillin 500 mg");
    expect(medicineName({ contained: [{ id: "m", code: { text: "Aspirin" } }], medicationReference: { reference: "#m" } })).toBe("Aspirin");
    expect(medicineName({ medicationReference: { reference: "Medication/gone", display: "Ibuprofen" } })).toBe("Ibuprofen");
    expect(formatMedication({ resourceType: "MedicationRequest" }, "r").medicine).toBe("Unnamed medicine");
  });
});
