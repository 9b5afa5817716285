import { describe, expect, it } from "vitest";
import { addressLines, cityAndState, formatAddress, primaryAddress, type AddressFormatOptions } from "./address";
import { danielAdamsDstu2, danielAdamsR4, longString } from "./test-fixtures";
import type { Address, Patient } from "./types";

const broken = (value: unknown) => value as Address;

describe("formatAddress", () => {
  const cases: [string, Address | null | undefined, AddressFormatOptions | undefined, string][] = [
    ["walkthrough DSTU2 address", danielAdamsDstu2.address[0], undefined, "1 Hill AveApt 14, Tulsa, OK 74117, USA"],
    ["R4 address with two lines", danielAdamsR4.address[0], undefined, "1 Hill Ave, Apt 14, Tulsa, OK 74117, USA"],
    ["lines", danielAdamsDstu2.address[0], { lines: true }, "1 Hill AveApt 14\nTulsa, OK 74117\nUSA"],
    ["use", danielAdamsDstu2.address[0], { use: true }, "1 Hill AveApt 14, Tulsa, OK 74117, USA (home)"],
    ["city only", { city: "Tulsa" }, undefined, "Tulsa"],
    ["state and zip", { state: "OK", postalCode: "74117" }, undefined, "OK 74117"],
    ["zip only", { postalCode: "74117" }, undefined, "74117"],
    ["text fallback", { text: "1 Hill Ave, Tulsa" }, undefined, "1 Hill Ave, Tulsa"],
    ["parts win over text", { text: "elsewhere", city: "Tulsa" }, undefined, "Tulsa"],
    ["unicode", { line: ["Straße 1"], city: "München", country: "Deutschland" }, undefined, "Straße 1, München, Deutschland"],
    ["empty", {}, undefined, ""],
    ["undefined", undefined, undefined, ""],
    ["null", null, undefined, ""],
    ["address: a string", broken("1 Hill Ave"), undefined, ""],
    ["line: a string", broken({ line: "1 Hill Ave", city: "Tulsa" }), undefined, "Tulsa"],
    ["wrong types everywhere", broken({ line: [1, null], city: 5, state: {}, postalCode: 74117, country: [] }), undefined, ""],
    ["use of wrong type ignored", broken({ city: "Tulsa", use: 3 }), { use: true }, "Tulsa"],
    ["markup stays literal", { city: "<b>Tulsa</b>" }, undefined, "<b>Tulsa</b>"],
  ];
  it.each(cases)("%s", (_label, address, options, expected) => {
    expect(formatAddress(address, options)).toBe(expected);
  });

  it("bounds 100 kB values", () => {
    const out = formatAddress({ line: [longString(100_000)], city: longString(100_000) });
    expect(out.length).toBeLessThanOrEqual(1_000);
  });

  it("addressLines gives one entry per printed line", () => {
    expect(addressLines(danielAdamsR4.address[0])).toEqual(["1 Hill Ave", "Apt 14", "Tulsa, OK 74117", "USA"]);
  });
});

describe("primaryAddress and cityAndState", () => {
  const cases: [string, unknown, string][] = [
    ["walkthrough", danielAdamsDstu2, "Tulsa, OK"],
    ["home first", { address: [{ use: "work", city: "Dallas", state: "TX" }, { use: "home", city: "Tulsa", state: "OK" }] }, "Tulsa, OK"],
    ["skips old", { address: [{ use: "old", city: "Dallas", state: "TX" }, { city: "Tulsa" }] }, "Tulsa"],
    ["old when only one", { address: [{ use: "old", city: "Dallas", state: "TX" }] }, "Dallas, TX"],
    ["state only", { address: [{ state: "OK" }] }, "OK"],
    ["no address", {}, ""],
    ["address: null", { address: null }, ""],
    ["address: a string", { address: "Tulsa" }, ""],
    ["elements of wrong types", { address: [null, 5, "x"] }, ""],
    ["patient null", null, ""],
  ];
  it.each(cases)("%s", (_label, patient, expected) => {
    expect(cityAndState(patient as Patient)).toBe(expected);
  });

  it("primaryAddress returns the chosen address", () => {
    expect(primaryAddress(danielAdamsDstu2)?.postalCode).toBe("74117");
    expect(primaryAddress({})).toBeUndefined();
  });
});
