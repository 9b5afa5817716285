import { describe, expect, it } from "vitest";
import { bloodPressure, labResult } from "./factories";
import { abnormalFlag, formatObservation, observationKind, observationValue, referenceRangeText } from "./observations";

const p = { patientId: "p1" };
const a1c = ["loinc", "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"] as const;

describe("formatObservation over DSTU2 and R4", () => {
  it.each(["DSTU2", "R4"] as const)("%s lab result: value, unit, date, range, flag", (version) => {
    const row = formatObservation(labResult(version, { ...p, id: "a1c", code: a1c, value: 7.2, unit: "%", low: 4, high: 5.6, interpretation: "H", date: "2026-03-04T09:30:00Z" }), "row1");
    expect(row).toEqual({
      rowId: "row1",
      fhirId: "a1c",
      sortDate: "2026-03-04",
      kind: "laboratory",
      name: "Hemoglobin A1c/Hemoglobin.total in Blood",
      value: "7.2 %",
      date: "Mar 4, 2026",
      referenceRange: "4–5.6 %",
      flag: "high",
      flagText: "High",
      status: "Final",
      enteredInError: false,
    });
  });

  it.each(["DSTU2", "R4"] as const)("%s blood pressure from components", (version) => {
    const row = formatObservation(bloodPressure(version, { ...p, id: "bp", systolic: 142, diastolic: 91, date: "2025-12-25T10:00:00Z" }), "r");
    expect(row).toMatchObject({ kind: "vital-signs", value: "142/91 mmHg", date: "Dec 25, 2025" });
  });

  it.each(["DSTU2", "R4"] as const)("%s: flags from the reference range when the EHR gives no interpretation", (version) => {
    const low = labResult(version, { ...p, id: "k", code: a1c, value: 3.1, unit: "mmol/L", low: 3.5, high: 5.1, date: "2026-01-01" });
    const normal = labResult(version, { ...p, id: "k", code: a1c, value: 4.1, unit: "mmol/L", low: 3.5, high: 5.1, date: "2026-01-01" });
    expect(abnormalFlag(low)).toBe("low");
    expect(abnormalFlag(normal)).toBeUndefined();
  });
});

describe("observation parts", () => {
  it.each([
    [{ interpretation: { coding: [{ code: "HH" }] } }, "critical-high"],
    [{ interpretation: [{ coding: [{ code: "LL" }] }] }, "critical-low"],
    [{ interpretation: [{ coding: [{ code: "A" }] }] }, "abnormal"],
    [{ interpretation: [{ text: "Critically high" }] }, "critical-high"],
    [{ interpretation: [{ coding: [{ code: "N" }] }], valueQuantity: { value: 99 }, referenceRange: [{ high: { value: 5 } }] }, undefined],
    [{ valueQuantity: { value: 99, unit: "mg/dL" }, referenceRange: [{ high: { value: 5, unit: "g/L" } }] }, undefined],
    [{}, undefined],
  ])("abnormalFlag(%j) → %s", (resource, flag) => {
    expect(abnormalFlag(resource)).toBe(flag);
  });

  it.each([
    [{ valueQuantity: { value: 5, comparator: "<", unit: "mg/dL" } }, "< 5 mg/dL"],
    [{ valueQuantity: { value: 2, code: "1" } }, "2"],
    [{ valueCodeableConcept: { coding: [{ display: "Negative" }] } }, "Negative"],
    [{ valueString: "  Trace  " }, "Trace"],
    [{ valueBoolean: false }, "No"],
    [{ valueInteger: 3 }, "3"],
    [{ valueRange: { low: { value: 1, unit: "g" }, high: { value: 2, unit: "g" } } }, "1–2 g"],
    [{ valueRatio: { numerator: { value: 1 }, denominator: { value: 128 } } }, "1/128"],
    [{ dataAbsentReason: { text: "Patient refused" } }, "Not available (Patient refused)"],
    [{ component: [{ code: { text: "A" }, valueString: "x" }, { code: { text: "B" }, valueQuantity: { value: 1, unit: "kg" } }] }, "A x, B 1 kg"],
    [{ valueQuantity: { value: "7.2" } }, ""],
    [{ valueQuantity: { value: Number.NaN } }, ""],
  ])("observationValue(%j) → %j", (resource, text) => {
    expect(observationValue(resource)).toBe(text);
  });

  it.each([
    [{ referenceRange: [{ low: { value: 3.5, unit: "mmol/L" }, high: { value: 5.1, unit: "mmol/L" } }] }, "3.5–5.1 mmol/L"],
    [{ referenceRange: [{ high: { value: 200, unit: "mg/dL" } }] }, "≤ 200 mg/dL"],
    [{ referenceRange: [{ text: "Negative" }] }, "Negative"],
    [{ referenceRange: "nope" }, ""],
  ])("referenceRangeText(%j) → %j", (resource, text) => {
    expect(referenceRangeText(resource)).toBe(text);
  });

  it.each([
    [{ category: { coding: [{ code: "laboratory" }] } }, "laboratory"],
    [{ category: [{ coding: [{ code: "vital-signs" }] }] }, "vital-signs"],
    [{ category: [{ coding: [{ code: "social-history" }] }] }, "other"],
    [{ category: 42 }, "other"],
  ])("observationKind(%j) → %s", (resource, kind) => {
    expect(observationKind(resource)).toBe(kind);
  });
});

describe("broken and hostile observations", () => {
  it.each([null, undefined, 42, "text", [], { resourceType: "Observation", code: "x", effectiveDateTime: 5, status: {} }])("survives %j", (junk) => {
    const row = formatObservation(junk, "r");
    expect(row).toMatchObject({ name: "Unnamed observation", value: "", date: "", flag: undefined });
  });

  it("keeps hostile text literal and bounded", () => {
    const row = formatObservation({ code: { text: "<img src=x onerror=alert(1)>" }, valueString: "x".repeat(50_000), effectiveDateTime: "2026-02-30" }, "r");
    expect(row.name).toBe("<img src=x onerror=alert(1)>");
    expect(row.value.length).toBeLessThanOrEqual(1000);
    expect(row.date).toBe("");
  });
});
