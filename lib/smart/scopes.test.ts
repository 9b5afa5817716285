import { describe, expect, it } from "vitest";
import { isFhirId } from "../fhir/patient-schema";
import { compareGrantedScope, defaultScope, isValidFhirId } from "./scopes";

describe("defaultScope", () => {
  it.each<[string[], string]>([
    [[], "launch/patient patient/*.read offline_access"],
    [["permission-v1"], "launch/patient patient/*.read offline_access"],
    [["permission-v2"], "launch/patient patient/*.rs offline_access"],
    [["permission-v1", "permission-v2"], "launch/patient patient/*.rs offline_access"],
    [["permission-v2", "sso-openid-connect"], "launch/patient patient/*.rs offline_access openid fhirUser"],
  ])("%j → %s", (capabilities, expected) => {
    expect(defaultScope({ capabilities })).toBe(expected);
  });
});

const ASKED_V1 = "launch/patient patient/*.read offline_access";

describe("compareGrantedScope", () => {
  it.each<[string, string, string | undefined, { offline: boolean; read: boolean; narrower: string[]; consequences: string[] }]>([
    ["everything granted (walkthrough)", ASKED_V1, ASKED_V1, { offline: false, read: false, narrower: [], consequences: [] }],
    ["granted scope absent means as requested", ASKED_V1, undefined, { offline: false, read: false, narrower: [], consequences: [] }],
    ["v2 grant for a v1 request", ASKED_V1, "launch/patient patient/*.rs offline_access", { offline: false, read: false, narrower: [], consequences: [] }],
    ["v1 grant for a v2 request", "patient/*.rs", "patient/*.read", { offline: false, read: false, narrower: [], consequences: [] }],
    ["patient/*.* covers read", "patient/*.read", "patient/*.*", { offline: false, read: false, narrower: [], consequences: [] }],
    ["cruds covers rs", "patient/*.rs", "patient/*.cruds", { offline: false, read: false, narrower: [], consequences: [] }],
    ["no offline_access", ASKED_V1, "launch/patient patient/*.read", { offline: true, read: false, narrower: ["offline_access"], consequences: ["once"] }],
    ["only Patient granted", ASKED_V1, "launch/patient patient/Patient.read offline_access", { offline: false, read: false, narrower: ["patient/*.read"], consequences: ["partial"] }],
    ["read but not search", "patient/*.rs", "patient/*.r", { offline: false, read: false, narrower: ["patient/*.rs"], consequences: ["partial"] }],
    ["a filtered grant is narrower", "patient/Observation.rs", "patient/Observation.rs?category=laboratory", { offline: false, read: false, narrower: ["patient/Observation.rs"], consequences: ["partial"] }],
    ["user-level read does not count as patient read", ASKED_V1, "launch/patient user/*.read", { offline: true, read: true, narrower: ["patient/*.read", "offline_access"], consequences: ["noRead", "once"] }],
    ["nothing granted", ASKED_V1, "", { offline: true, read: true, narrower: ["launch/patient", "patient/*.read", "offline_access"], consequences: ["noRead", "once"] }],
    ["a wider grant is fine", "patient/Patient.read", "patient/*.read user/*.read", { offline: false, read: false, narrower: [], consequences: [] }],
  ])("%s", (_name, requested, granted, expected) => {
    const result = compareGrantedScope(requested, granted);
    expect({
      offline: result.missingOfflineAccess,
      read: result.missingPatientRead,
      narrower: result.narrower,
      consequences: result.consequences,
    }).toEqual(expected);
  });

  it("says no read rather than part of the record when patient-level read is missing (one warning, not two)", () => {
    expect(compareGrantedScope("patient/*.read", "patient/*.r user/*.read").consequences).toEqual(["partial"]);
    expect(compareGrantedScope("patient/*.read", "launch/patient").consequences).toEqual(["noRead"]);
  });
});

describe("isValidFhirId", () => {
  it.each<[string, boolean]>([
    ["smart-1288992", true],
    ["a.B-9", true],
    ["x".repeat(64), true],
    ["x".repeat(65), false],
    ["", false],
    [".", false],
    ["..", false],
    ["...", false], // only dots: refused by the one FHIR-id check (lib/fhir agreed, lib/smart did not)
    ["....", false],
    ["a..", true],
    ["../etc", false],
    ["a/b", false],
    ["a b", false],
    ["a%2F", false],
    ["ünïcode", false],
    ["id\n", false],
  ])("%j → %s", (id, expected) => {
    expect(isValidFhirId(id)).toBe(expected);
    expect(isFhirId(id)).toBe(expected);
  });
});
