import { describe, expect, it } from "vitest";
import { formatAllergy } from "./allergies";
import { formatCondition } from "./conditions";
import { allergy, condition, immunization, procedure } from "./factories";
import { formatImmunization } from "./immunizations";
import { formatProcedure } from "./procedures";

const p = { patientId: "p1" };
const versions = ["DSTU2", "R4"] as const;

describe("formatCondition", () => {
  it.each(versions)("%s: name, status, onset, recorded", (version) => {
    const row = formatCondition(condition(version, { ...p, id: "c1", code: ["snomed", "38341003", "Hypertension"], onset: "2019-03-03", recorded: "2019-03-10", status: "resolved" }), "r");
    expect(row).toMatchObject({ fhirId: "c1", name: "Hypertension", clinicalStatus: "Resolved", verification: "", onset: "Mar 3, 2019", recorded: "Mar 10, 2019", sortDate: "2019-03-03", enteredInError: false });
  });

  it.each([
    [{ onsetAge: { value: 45, unit: "a" } }, "at age 45"],
    [{ onsetString: "Childhood" }, "Childhood"],
    [{ onsetPeriod: { start: "2001-05" } }, "from May 2001"],
    [{ onsetDateTime: "not a date" }, ""],
  ])("onset %j → %j", (fields, onset) => {
    expect(formatCondition({ code: { text: "X" }, ...fields }, "r").onset).toBe(onset);
  });

  it.each([
    [{ verificationStatus: "entered-in-error" }, true, "Entered in error"],
    [{ verificationStatus: { coding: [{ code: "entered-in-error" }] } }, true, "Entered in error"],
    [{ verificationStatus: { coding: [{ code: "provisional" }] } }, false, "Provisional"],
  ])("verification %j", (fields, error, words) => {
    const row = formatCondition(fields, "r");
    expect([row.enteredInError, row.verification]).toEqual([error, words]);
  });
});

describe("formatAllergy", () => {
  it.each(versions)("%s: substance, reaction with severity, risk, status", (version) => {
    const row = formatAllergy(allergy(version, { ...p, id: "a1", code: ["rxnorm", "7980", "Penicillin G"], reaction: ["snomed", "247472004", "Hives"], criticality: "high", recorded: "2012-06-01" }), "r");
    expect(row).toMatchObject({ substance: "Penicillin G", category: "Medication", reactions: "Hives (severe)", criticality: "High risk", status: "Active", recorded: "Jun 1, 2012" });
  });

  it("shows a refuted allergy as refuted, and survives junk", () => {
    expect(formatAllergy({ code: { text: "Latex" }, clinicalStatus: { coding: [{ code: "active" }] }, verificationStatus: { coding: [{ code: "refuted" }] } }, "r").status).toBe("Refuted");
    expect(formatAllergy({ reaction: "hives", criticality: 3, category: [7, "food"] }, "r")).toMatchObject({ substance: "Unnamed allergy", reactions: "", criticality: "", category: "Food" });
  });
});

describe("formatImmunization", () => {
  it.each(versions)("%s: given and not given", (version) => {
    const code = ["cvx", "140", "Influenza, seasonal, injectable, preservative free"] as const;
    expect(formatImmunization(immunization(version, { ...p, id: "i1", code, date: "2025-10-02" }), "r")).toMatchObject({ vaccine: code[2], date: "Oct 2, 2025", status: "Given" });
    expect(formatImmunization(immunization(version, { ...p, id: "i2", code, date: "2025-10-02", given: false }), "r").status).toBe("Not given");
  });

  it("reads R4 occurrenceString", () => {
    expect(formatImmunization({ vaccineCode: { text: "MMR" }, occurrenceString: "As a child" }, "r").date).toBe("As a child");
  });
});

describe("formatProcedure", () => {
  it.each(versions)("%s: name, date, done", (version) => {
    const row = formatProcedure(procedure(version, { ...p, id: "x", code: ["snomed", "73761001", "Colonoscopy"], date: "2024-04-05T10:00:00Z" }), "r");
    expect(row).toMatchObject({ name: "Colonoscopy", date: "Apr 5, 2024", status: "Done", sortDate: "2024-04-05" });
  });

  it.each([
    [{ notPerformed: true, status: "completed" }, "Not done"],
    [{ status: "not-done" }, "Not done"],
    [{ performedPeriod: { start: "2024-01-01", end: "2024-01-03" } }, ""],
  ])("%j", (fields, status) => {
    expect(formatProcedure(fields, "r").status).toBe(status);
  });
});
