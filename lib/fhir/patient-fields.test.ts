import { describe, expect, it } from "vitest";
import {
  communicationLanguages,
  formatCodeableConcept,
  formatCommunication,
  formatDeceased,
  formatGender,
  formatLanguage,
  formatManagingOrganization,
  isDeceased,
} from "./patient-fields";
import { danielAdamsDstu2, danielAdamsR4, hostilePatient, longString } from "./test-fixtures";
import type { CodeableConcept, Patient } from "./types";

const asPatient = (value: unknown) => value as Patient;

describe("formatGender", () => {
  it.each<[unknown, string]>([
    ["male", "Male"],
    ["female", "Female"],
    ["other", "Other"],
    ["unknown", "Unknown"],
    ["MALE", "Male"],
    ["M", "M"],
    ["constructor", "constructor"],
    ["", ""],
    [undefined, ""],
    [1, ""],
    [{ code: "male" }, ""],
    ["<script>alert(1)</script>", "<script>alert(1)</script>"],
  ])("%j → %j", (gender, expected) => {
    expect(formatGender(gender)).toBe(expected);
  });

  it("bounds an unexpected code to 64 characters", () => {
    expect(formatGender(longString(100_000)).length).toBeLessThanOrEqual(64);
  });
});

describe("formatCodeableConcept and formatLanguage", () => {
  it.each<[string, unknown, string, string]>([
    ["text", { text: "Spanish", coding: [{ code: "es" }] }, "Spanish", "Spanish"],
    ["display", { coding: [{ code: "en-US", display: "English (United States)" }] }, "English (United States)", "English (United States)"],
    ["bare code", { coding: [{ system: "urn:ietf:bcp:47", code: "es" }] }, "es", "Spanish"],
    ["bare regional code", { coding: [{ code: "en-US" }] }, "en-US", "American English"],
    ["unknown code", { coding: [{ code: "zz-Nope-x" }] }, "zz-Nope-x", "zz-Nope-x"],
    ["malformed code", { coding: [{ code: "not a tag!" }] }, "not a tag!", "not a tag!"],
    ["empty", {}, "", ""],
    ["coding: a string", { coding: "es" }, "", ""],
    ["concept: a string", "es", "", ""],
    ["null", null, "", ""],
  ])("%s", (_label, concept, asConcept, asLanguage) => {
    expect(formatCodeableConcept(concept as CodeableConcept)).toBe(asConcept);
    expect(formatLanguage(concept as CodeableConcept)).toBe(asLanguage);
  });
});

describe("formatCommunication", () => {
  it.each<[string, unknown, string]>([
    ["R4, preferred first", danielAdamsR4, "English (United States) (preferred), Spanish"],
    ["DSTU2 walkthrough has none", danielAdamsDstu2, ""],
    ["single language", { communication: [{ language: { text: "French" } }] }, "French"],
    ["preferred: 'yes' is not true", { communication: [{ language: { text: "French" }, preferred: "yes" }] }, "French"],
    ["junk entries skipped", { communication: [null, 1, { language: 5 }, { language: { text: "Greek" } }] }, "Greek"],
    ["communication: an object", { communication: { language: { text: "French" } } }, ""],
    ["hostile", hostilePatient, "<script>alert(1)</script>"],
    ["missing", {}, ""],
  ])("%s", (_label, patient, expected) => {
    expect(formatCommunication(asPatient(patient))).toBe(expected);
  });

  it("lists languages with their preference", () => {
    expect(communicationLanguages(danielAdamsR4)).toEqual([
      { language: "English (United States)", preferred: true },
      { language: "Spanish", preferred: false },
    ]);
  });
});

describe("formatDeceased", () => {
  it.each<[string, unknown, string, boolean | undefined]>([
    ["not recorded", {}, "", undefined],
    ["false", { deceasedBoolean: false }, "No", false],
    ["true", { deceasedBoolean: true }, "Yes", true],
    ["dateTime, date as written", { deceasedDateTime: "2020-03-01T23:00:00-06:00" }, "Yes, March 1, 2020", true],
    ["date only", { deceasedDateTime: "2020-03" }, "Yes, March 2020", true],
    ["invalid date still deceased", { deceasedDateTime: "last spring" }, "Yes", true],
    ["blank dateTime ignored", { deceasedDateTime: " ", deceasedBoolean: false }, "No", false],
    ["boolean as a string ignored", { deceasedBoolean: "true" }, "", undefined],
    ["R4 fixture", danielAdamsR4, "Yes, March 1, 2020", true],
    ["null patient", null, "", undefined],
  ])("%s", (_label, patient, expected, flag) => {
    expect(formatDeceased(asPatient(patient))).toBe(expected);
    expect(isDeceased(asPatient(patient))).toBe(flag);
  });

  it("uses the locale", () => {
    expect(formatDeceased({ deceasedDateTime: "2020-03-01" }, { locale: "en-GB" })).toBe("Yes, 1 March 2020");
  });
});

describe("formatManagingOrganization", () => {
  it.each<[string, unknown, string]>([
    ["display", danielAdamsR4, "Tulsa General Hospital"],
    ["reference only", { managingOrganization: { reference: "Organization/7" } }, "Organization/7"],
    ["missing", danielAdamsDstu2, ""],
    ["a string", { managingOrganization: "Org" }, ""],
    ["display of wrong type", { managingOrganization: { display: 3, reference: "Organization/7" } }, "Organization/7"],
    ["hostile", hostilePatient, "<script>alert(1)</script>"],
  ])("%s", (_label, patient, expected) => {
    expect(formatManagingOrganization(asPatient(patient))).toBe(expected);
  });
});
