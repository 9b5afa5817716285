import { describe, expect, it } from "vitest";
import { isFhirId, parsePatient } from "./patient-schema";
import { danielAdamsDstu2, danielAdamsR4, hostilePatient, longString } from "./test-fixtures";

function parsed(json: unknown) {
  const result = parsePatient(json);
  if (!result.ok) {
    throw new Error(`expected a patient: ${result.message}`);
  }
  return result.patient;
}

describe("isFhirId", () => {
  it.each<[unknown, boolean]>([
    ["smart-1288992", true],
    ["a.b-C9", true],
    [longString(64), true],
    [longString(65), false],
    ["", false],
    [".", false],
    ["..", false],
    ["a/b", false],
    ["a b", false],
    ["a%2F", false],
    ["ü", false],
    [42, false],
  ])("%j → %s", (id, expected) => {
    expect(isFhirId(id)).toBe(expected);
  });
});

describe("parsePatient", () => {
  it("accepts the walkthrough's DSTU2 resource and keeps it intact", () => {
    expect(parsed(danielAdamsDstu2)).toEqual(danielAdamsDstu2);
  });

  it("accepts an R4 resource", () => {
    expect(parsed(danielAdamsR4)).toEqual(danielAdamsR4);
  });

  it("passes unknown top-level elements through", () => {
    const p = parsed({ ...danielAdamsDstu2, extension: [{ url: "x", valueString: "y" }], photo: [{ data: "..." }] });
    expect(p.extension).toEqual([{ url: "x", valueString: "y" }]);
    expect(p.photo).toEqual([{ data: "..." }]);
  });

  it.each<[string, unknown, string]>([
    ["not an object", "Patient", "not a FHIR resource"],
    ["null", null, "not a FHIR resource"],
    ["an array", [danielAdamsDstu2], "not a FHIR resource"],
    ["no resourceType", { id: "a" }, "not a Patient"],
    ["another resource", { resourceType: "Observation", id: "a" }, "not a Patient"],
    ["a Bundle", { resourceType: "Bundle", id: "a", entry: [] }, "not a Patient"],
    ["an OperationOutcome", { resourceType: "OperationOutcome", issue: [] }, "error report"],
    ["no id", { resourceType: "Patient" }, "no valid id"],
    ["id with a slash", { resourceType: "Patient", id: "a/b" }, "no valid id"],
    ["id too long", { resourceType: "Patient", id: longString(65) }, "no valid id"],
    ["id of dots", { resourceType: "Patient", id: ".." }, "no valid id"],
    ["id a number", { resourceType: "Patient", id: 12 }, "no valid id"],
  ])("refuses %s", (_label, json, message) => {
    const result = parsePatient(json);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(message);
  });

  it("never repeats foreign content in its message", () => {
    const result = parsePatient({ resourceType: "<script>alert(1)</script>", id: "a" });
    expect(result.ok ? "" : result.message).not.toContain("script");
  });

  it("turns wrong types into absent values instead of failing", () => {
    const p = parsed({
      resourceType: "Patient",
      id: "a",
      name: "x",
      address: null,
      telecom: { system: "email" },
      identifier: [null, 5, "MR", { value: 42, type: "MR", system: "urn:x" }],
      gender: 7,
      birthDate: 19251223,
      deceasedBoolean: "no",
      communication: [{ language: "en", preferred: "yes" }],
      managingOrganization: "Org/1",
      text: "<p>hi</p>",
      active: "true",
    });
    expect(p.name).toBeUndefined();
    expect(p.address).toBeUndefined();
    expect(p.telecom).toBeUndefined();
    expect(p.identifier).toEqual([{ system: "urn:x" }]);
    expect(p.gender).toBeUndefined();
    expect(p.birthDate).toBeUndefined();
    expect(p.deceasedBoolean).toBeUndefined();
    expect(p.communication).toEqual([{}]);
    expect(p.managingOrganization).toBeUndefined();
    expect(p.text).toBeUndefined();
    expect(p.active).toBeUndefined();
  });

  it("keeps both family shapes and drops non-strings inside lists", () => {
    const p = parsed({
      resourceType: "Patient",
      id: "a",
      name: [{ family: ["van", 3, "Beethoven"], given: ["Ludwig", null] }, { family: "Adams" }, { family: 42 }],
    });
    expect(p.name).toEqual([{ family: ["van", "Beethoven"], given: ["Ludwig"] }, { family: "Adams" }, {}]);
  });

  it("bounds strings, lists and the narrative", () => {
    const p = parsed({
      resourceType: "Patient",
      id: "a",
      gender: longString(100_000),
      name: Array.from({ length: 1_000 }, () => ({ family: longString(100_000) })),
      text: { div: `<div>${longString(1_000_000)}</div>` },
    });
    expect(p.gender?.length).toBeLessThanOrEqual(64);
    expect(p.name).toHaveLength(100);
    expect(String(p.name?.[0]?.family).length).toBeLessThanOrEqual(1_000);
    expect(p.text?.div?.length).toBeLessThanOrEqual(200_000);
  });

  it("does not let __proto__ reach the prototype", () => {
    const p = parsed(JSON.parse('{"resourceType":"Patient","id":"a","__proto__":{"polluted":true}}'));
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect((p as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps markup as literal strings", () => {
    expect(parsed(hostilePatient).name?.[0]?.family).toBe("Adams<script>alert(1)</script>");
  });
});
