import { describe, expect, it } from "vitest";
import { familyName, formatHumanName, NAME_NOT_GIVEN, patientDisplayName, type HumanNameFormatOptions } from "./names";
import { danielAdamsDstu2, danielAdamsR4, hostilePatient, longString } from "./test-fixtures";
import type { HumanName, Patient } from "./types";

/** Casts deliberately wrong shapes so the formatters can be tested against them. */
const broken = (value: unknown) => value as HumanName;

describe("formatHumanName", () => {
  const cases: [string, HumanName | null | undefined, HumanNameFormatOptions | undefined, string][] = [
    ["walkthrough DSTU2 name", danielAdamsDstu2.name[0], undefined, "Daniel X. Adams"],
    ["R4 name", { family: "Adams", given: ["Daniel", "X."] }, undefined, "Daniel X. Adams"],
    ["DSTU2 multi-part family", { family: ["van", "Beethoven"], given: ["Ludwig"] }, undefined, "Ludwig van Beethoven"],
    ["prefix and suffix", { prefix: ["Dr."], given: ["Jane"], family: "Doe", suffix: ["Jr.", "MD"] }, undefined, "Dr. Jane Doe Jr. MD"],
    ["no prefix", { prefix: ["Dr."], given: ["Jane"], family: "Doe" }, { prefix: false }, "Jane Doe"],
    ["no suffix", { given: ["Jane"], family: "Doe", suffix: ["Jr."] }, { suffix: false }, "Jane Doe"],
    ["use appended", { use: "official", given: ["Jane"], family: "Doe" }, { use: true }, "Jane Doe (official)"],
    ["temp use reads temporary", { use: "temp", family: "Doe" }, { use: true }, "Doe (temporary)"],
    ["all overrides", { use: "usual", prefix: ["Dr."], given: ["Jane"], family: "Doe", suffix: ["Jr."] }, { all: true, prefix: false }, "Dr. Jane Doe Jr. (usual)"],
    ["use without a name", { use: "official" }, { use: true }, ""],
    ["text fallback", { text: "Daniel Adams" }, undefined, "Daniel Adams"],
    ["parts win over text", { text: "Dan", family: "Adams" }, undefined, "Adams"],
    ["family only DSTU2", { family: ["Adams"] }, undefined, "Adams"],
    ["given only", { given: ["Cher"] }, undefined, "Cher"],
    ["blank parts skipped", { given: ["", "  ", "Ann"], family: " Lee " }, undefined, "Ann Lee"],
    ["unicode", { given: ["Zoë", "José"], family: ["Núñez", "García"] }, undefined, "Zoë José Núñez García"],
    ["CJK", { family: "山田", given: ["太郎"] }, undefined, "太郎 山田"],
    ["empty object", {}, undefined, ""],
    ["undefined", undefined, undefined, ""],
    ["null", null, undefined, ""],
    ["family: 42", broken({ family: 42, given: ["Ann"] }), undefined, "Ann"],
    ["given: a string", broken({ given: "Ann", family: "Lee" }), undefined, "Lee"],
    ["given with non-strings", broken({ given: [1, null, { a: 1 }, "Ann"], family: "Lee" }), undefined, "Ann Lee"],
    ["family array with numbers", broken({ family: [42, "Lee"] }), undefined, "Lee"],
    ["name is a string", broken("x"), undefined, ""],
    ["name is an array", broken(["x"]), undefined, ""],
    ["text: number", broken({ text: 5 }), undefined, ""],
    ["markup stays literal", { family: "<script>alert(1)</script>" }, undefined, "<script>alert(1)</script>"],
  ];
  it.each(cases)("%s", (_label, name, options, expected) => {
    expect(formatHumanName(name, options)).toBe(expected);
  });

  it("bounds a 100 kB family name", () => {
    const out = formatHumanName({ family: longString(100_000) });
    expect(out.length).toBeLessThanOrEqual(1_000);
    expect(out.endsWith("…")).toBe(true);
  });

  it("bounds many long given names", () => {
    const out = formatHumanName({ given: Array.from({ length: 10_000 }, () => longString(900)) });
    expect(out.length).toBeLessThanOrEqual(1_000);
  });

  it("does not split a surrogate pair when bounding", () => {
    const out = formatHumanName({ family: "😀".repeat(1_000) });
    expect(out.length).toBeLessThanOrEqual(1_000);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("familyName", () => {
  it.each<[unknown, string | undefined]>([
    [{ family: ["Adams"] }, "Adams"],
    [{ family: "Adams" }, "Adams"],
    [{ family: [] }, undefined],
    [{ family: 42 }, undefined],
    [null, undefined],
  ])("%j → %s", (name, expected) => {
    expect(familyName(broken(name))).toBe(expected);
  });
});

describe("patientDisplayName", () => {
  const cases: [string, unknown, string][] = [
    ["walkthrough DSTU2", danielAdamsDstu2, "Daniel X. Adams"],
    ["R4 official before usual", danielAdamsR4, "Daniel X. Adams"],
    ["usual before unmarked", { name: [{ given: ["A"] }, { use: "usual", given: ["B"] }] }, "B"],
    ["official before usual regardless of order", { name: [{ use: "usual", given: ["B"] }, { use: "official", given: ["C"] }] }, "C"],
    ["first when no use", { name: [{ given: ["A"] }, { given: ["B"] }] }, "A"],
    ["old names last", { name: [{ use: "old", given: ["Old"] }, { use: "nickname", given: ["Nick"] }] }, "Nick"],
    ["old name when it is the only one", { name: [{ use: "old", given: ["Old"] }] }, "Old"],
    ["skips an empty official name", { name: [{ use: "official" }, { given: ["A"] }] }, "A"],
    ["text only", { name: [{ text: "Daniel Adams" }] }, "Daniel Adams"],
    ["missing everything", {}, NAME_NOT_GIVEN],
    ["no names", { name: [] }, NAME_NOT_GIVEN],
    ["name: 'x'", { name: "x" }, NAME_NOT_GIVEN],
    ["name: null", { name: null }, NAME_NOT_GIVEN],
    ["name elements of wrong types", { name: [null, 1, "x", { family: 42 }] }, NAME_NOT_GIVEN],
    ["patient undefined", undefined, NAME_NOT_GIVEN],
    ["patient is a string", "Patient", NAME_NOT_GIVEN],
    ["hostile", hostilePatient, '<img src=x onerror="alert(1)"> Adams<script>alert(1)</script>'],
  ];
  it.each(cases)("%s", (_label, patient, expected) => {
    expect(patientDisplayName(patient as Patient)).toBe(expected);
  });
});

describe("formatHumanName bounds with use", () => {
  it("stays within 1,000 characters when the use is appended", () => {
    expect(formatHumanName({ use: "official", family: longString(100_000) }, { use: true }).length).toBeLessThanOrEqual(1_000);
  });
});
