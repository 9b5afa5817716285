import { describe, expect, it } from "vitest";
import { formatIdentifier, formatIdentifiers, identifierTypeLabel, isMedicalRecordNumber } from "./identifiers";
import { danielAdamsDstu2, danielAdamsR4, longString } from "./test-fixtures";
import { V2_0203_DSTU2, V2_0203_R4, type Identifier } from "./types";

const broken = (value: unknown) => value as Identifier;
const coded = (system: string, code: string): Identifier => ({ type: { coding: [{ system, code }] }, value: "v" });

describe("formatIdentifier", () => {
  it("formats the walkthrough identifier", () => {
    expect(formatIdentifier(danielAdamsDstu2.identifier[0])).toEqual({
      label: "Medical record number",
      value: "1288992",
      system: "http://hospital.smarthealthit.org",
      text: "Medical record number: 1288992",
    });
  });

  it("formats the R4 identifier from its code alone", () => {
    expect(formatIdentifier(danielAdamsR4.identifier[0]).text).toBe("Medical record number: 1288992");
  });

  const labels: [string, Identifier | null | undefined, string | undefined][] = [
    ["type.text wins", { type: { text: "Hospital MRN", coding: [{ system: V2_0203_R4, code: "MR", display: "MRN" }] } }, "Hospital MRN"],
    ["coding display next", { type: { coding: [{ system: "urn:local", code: "X", display: "Local number" }] } }, "Local number"],
    ["display from a later coding", { type: { coding: [{ code: "X" }, { display: "Second" }] } }, "Second"],
    ["DSTU2 MR", coded(V2_0203_DSTU2, "MR"), "Medical record number"],
    ["R4 MR", coded(V2_0203_R4, "MR"), "Medical record number"],
    ["DSTU2 SS", coded(V2_0203_DSTU2, "SS"), "Social Security number"],
    ["R4 SS", coded(V2_0203_R4, "SS"), "Social Security number"],
    ["DSTU2 DL", coded(V2_0203_DSTU2, "DL"), "Driver's license number"],
    ["R4 DL", coded(V2_0203_R4, "DL"), "Driver's license number"],
    ["DSTU2 PPN", coded(V2_0203_DSTU2, "PPN"), "Passport number"],
    ["R4 PPN", coded(V2_0203_R4, "PPN"), "Passport number"],
    ["R4 MA", coded(V2_0203_R4, "MA"), "Medicaid number"],
    ["unknown v2 code", coded(V2_0203_R4, "ZZZ"), undefined],
    ["MR in another system", coded("urn:other", "MR"), undefined],
    ["MR without a system", { type: { coding: [{ code: "MR" }] } }, undefined],
    ["prototype key as code", coded(V2_0203_R4, "constructor"), undefined],
    ["known identifier system", { system: "http://hl7.org/fhir/sid/us-ssn", value: "123" }, "Social Security number"],
    ["nothing", { value: "1" }, undefined],
    ["type: a string", broken({ type: "MR" }), undefined],
    ["coding: an object", broken({ type: { coding: { system: V2_0203_R4, code: "MR" } } }), undefined],
    ["text: a number", broken({ type: { text: 1 } }), undefined],
    ["null", null, undefined],
  ];
  it.each(labels)("label: %s", (_label, identifier, expected) => {
    expect(identifierTypeLabel(identifier)).toBe(expected);
  });

  const texts: [string, unknown, string][] = [
    ["unknown type", { value: "42" }, "Identifier: 42"],
    ["no value", { type: { text: "MRN" } }, "MRN"],
    ["value: a number", { value: 42 }, "Identifier"],
    ["identifier: a string", "MR", "Identifier"],
    ["markup stays literal", { type: { text: "<b>MRN</b>" }, value: "<script>alert(1)</script>" }, "<b>MRN</b>: <script>alert(1)</script>"],
    ["unicode", { type: { text: "Numéro" }, value: "ü-1" }, "Numéro: ü-1"],
  ];
  it.each(texts)("text: %s", (_label, identifier, expected) => {
    expect(formatIdentifier(broken(identifier)).text).toBe(expected);
  });

  it("bounds a 100 kB value", () => {
    const out = formatIdentifier({ value: longString(100_000) });
    expect(out.value.length).toBeLessThanOrEqual(1_000);
    expect(out.text.length).toBeLessThanOrEqual(1_000);
  });

  it("omits system when absent or of the wrong type", () => {
    expect(formatIdentifier({ value: "1" })).not.toHaveProperty("system");
    expect(formatIdentifier(broken({ value: "1", system: 5 }))).not.toHaveProperty("system");
  });
});

describe("formatIdentifiers and isMedicalRecordNumber", () => {
  it("keeps identifiers with a value and skips junk", () => {
    const list = [null, "x", { type: { text: "No value" } }, ...danielAdamsDstu2.identifier, { value: "9" }];
    expect(formatIdentifiers(list).map((i) => i.text)).toEqual(["Medical record number: 1288992", "Identifier: 9"]);
    expect(formatIdentifiers("nope")).toEqual([]);
  });

  it.each<[string, unknown, boolean]>([
    ["DSTU2 MR", danielAdamsDstu2.identifier[0], true],
    ["R4 MR", danielAdamsR4.identifier[0], true],
    ["SS", coded(V2_0203_R4, "SS"), false],
    ["untyped", { value: "1" }, false],
    ["broken", "MR", false],
  ])("isMedicalRecordNumber: %s", (_label, identifier, expected) => {
    expect(isMedicalRecordNumber(broken(identifier))).toBe(expected);
  });
});
