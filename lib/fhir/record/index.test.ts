import { describe, expect, it } from "vitest";
import { condition, labResult } from "./factories";
import { formatRecord, RECORD_SECTIONS } from "./index";
import { sampleRecord } from "./sample-record";

const stored = (resources: { resourceType: string }[]) => resources.map((json, i) => ({ id: `row-${i}`, resourceType: json.resourceType, json }));

describe("formatRecord", () => {
  it.each(["DSTU2", "R4"] as const)("%s: every section of a realistic record has rows, newest first", (version) => {
    const record = formatRecord(stored(sampleRecord(version, "p1", { size: 200 })), { limit: Infinity });
    for (const { key } of RECORD_SECTIONS.filter((s) => s.key !== "observations")) expect(record[key].rows.length, key).toBeGreaterThan(0);
    const dates = record.labs.rows.map((r) => r.sortDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("limits each section, counts all, and leaves out what the EHR marks entered in error", () => {
    const labs = Array.from({ length: 60 }, (_, i) => labResult("R4", { patientId: "p", id: `l${i}`, code: ["loinc", "2345-7", "Glucose"], value: 90, unit: "mg/dL", date: `2026-01-${String((i % 28) + 1).padStart(2, "0")}` }));
    const wrong = condition("R4", { patientId: "p", id: "c", code: ["snomed", "1", "Wrong"], onset: "2020-01-01", verification: "entered-in-error" });
    const record = formatRecord(stored([...labs, wrong, { resourceType: "Coverage" }]), { limit: 10, unlimited: ["vitals"] });
    expect(record.labs).toMatchObject({ total: 60 });
    expect(record.labs.rows).toHaveLength(10);
    expect(record.conditions).toMatchObject({ total: 0, enteredInError: 1 });
    expect(record.otherTypes).toEqual({ Coverage: 1 });
  });

  it.each(["DSTU2", "R4"] as const)("%s: sorts by the same date its rows show, formatting only the rows it keeps", (version) => {
    const resources = stored(sampleRecord(version, "p1", { size: 400, seed: 7 }));
    const all = formatRecord(resources, { limit: Infinity });
    const few = formatRecord(resources);
    for (const { key } of RECORD_SECTIONS) {
      const dates = all[key].rows.map((r) => r.sortDate);
      expect(dates, key).toEqual([...dates].sort().reverse());
      expect(few[key].rows.map((r) => r.sortDate), key).toEqual(dates.slice(0, few[key].rows.length));
      expect(few[key].total, key).toBe(all[key].total);
    }
    expect(few.labs.rows.length).toBe(20);
  });

  it("survives junk resources", () => {
    const record = formatRecord([{ id: "x", resourceType: "Condition", json: null }, { id: "y", resourceType: "Observation", json: "<script>" }]);
    expect(record.conditions.rows[0]?.name).toBe("Unnamed condition");
    expect(record.observations.rows).toHaveLength(1);
  });
});
