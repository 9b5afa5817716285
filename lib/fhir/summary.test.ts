import { describe, expect, it } from "vitest";
import { patientAge, patientIndexFields, summarizePatient } from "./summary";
import { danielAdamsDstu2, danielAdamsR4, hostilePatient } from "./test-fixtures";
import type { Patient } from "./types";

const now = new Date("2026-06-15T12:00:00Z");

describe("summarizePatient", () => {
  it("summarizes the walkthrough's DSTU2 patient", () => {
    expect(summarizePatient(danielAdamsDstu2, now)).toEqual({
      id: "smart-1288992",
      name: "Daniel X. Adams",
      gender: "Male",
      birthDate: "1925-12-23",
      birthDateText: "December 23, 1925",
      age: 100,
      city: "Tulsa",
      state: "OK",
      medicalRecordNumber: "1288992",
      language: undefined,
      deceased: undefined,
    });
  });

  it("summarizes an R4 patient", () => {
    expect(summarizePatient(danielAdamsR4, now)).toMatchObject({
      name: "Daniel X. Adams",
      medicalRecordNumber: "1288992",
      language: "English (United States)",
      deceased: true,
      // Died 2020-03-01: the age stops there (it was counted on to today: 100).
      age: 94,
    });
  });

  it("summarizes a patient with nothing", () => {
    expect(summarizePatient({}, now)).toEqual({
      id: undefined,
      name: "Name not given",
      gender: "",
      birthDate: undefined,
      birthDateText: "",
      age: undefined,
      city: undefined,
      state: undefined,
      medicalRecordNumber: undefined,
      language: undefined,
      deceased: undefined,
    });
  });

  it("drops an invalid birth date rather than passing it on", () => {
    const s = summarizePatient({ birthDate: "1925-02-30" }, now);
    expect(s.birthDate).toBeUndefined();
    expect(s.age).toBeUndefined();
  });

  it("handles partial and future birth dates", () => {
    expect(summarizePatient({ birthDate: "1925" }, now)).toMatchObject({ birthDateText: "1925", age: 100 });
    expect(summarizePatient({ birthDate: "2030-01-01" }, now).age).toBeUndefined();
  });

  it("survives wrong types everywhere", () => {
    const junk = { id: 5, name: "x", gender: 1, birthDate: [], address: null, identifier: "MR", communication: 3 };
    expect(summarizePatient(junk as unknown as Patient, now)).toMatchObject({ name: "Name not given", gender: "" });
    expect(summarizePatient(null, now).name).toBe("Name not given");
  });

  it("keeps hostile text literal", () => {
    const s = summarizePatient(hostilePatient, now);
    expect(s.gender).toBe("<script>alert(1)</script>");
    expect(s.city).toBe("<i>Tulsa</i>");
  });
});

describe("patientAge", () => {
  it.each([
    [{ birthDate: "1926-01-01", deceasedDateTime: "1989" }, { age: 63, atDeath: true }],
    [{ birthDate: "1926-01-01", deceasedBoolean: true }, { age: undefined, atDeath: true }],
    [{ birthDate: "1926-01-01", deceasedBoolean: false }, { age: 100, atDeath: false }],
    [{ birthDate: "1926-01-01", deceasedDateTime: "not a date" }, { age: undefined, atDeath: true }],
    [{ deceasedDateTime: "1989" }, { age: undefined, atDeath: true }],
  ])("%j", (patient, expected) => {
    expect(patientAge(patient as Patient, now)).toEqual(expected);
  });
});

describe("patientIndexFields", () => {
  it("gives exactly the summary's name, gender, birth date, city and state", () => {
    for (const patient of [danielAdamsDstu2, danielAdamsR4, hostilePatient, {}, { birthDate: "1925-02-30" }] as Patient[]) {
      const { name, gender, birthDate, city, state } = summarizePatient(patient, now);
      expect(patientIndexFields(patient)).toEqual({ name, gender, birthDate, city, state });
    }
  });

  it("reads the walkthrough's Daniel Adams", () => {
    expect(patientIndexFields(danielAdamsDstu2)).toMatchObject({ name: expect.stringContaining("Adams"), gender: "Male", birthDate: "1925-12-23" });
  });
});
