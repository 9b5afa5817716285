import { describe, expect, it } from "vitest";
import { formatContactPoint, formatContactPoints, type ContactPointFormatOptions } from "./contact";
import { danielAdamsDstu2, danielAdamsR4, longString } from "./test-fixtures";
import type { ContactPoint } from "./types";

const broken = (value: unknown) => value as ContactPoint;

describe("formatContactPoint", () => {
  const cases: [string, ContactPoint | null | undefined, ContactPointFormatOptions | undefined, string][] = [
    ["walkthrough DSTU2 email (no use)", danielAdamsDstu2.telecom[0], undefined, "Email: daniel.adams@example.com"],
    ["R4 email with use", danielAdamsR4.telecom[0], undefined, "Email: daniel.adams@example.com (home)"],
    ["R4 mobile phone", danielAdamsR4.telecom[1], undefined, "Phone: +1 918 555 0100 (mobile)"],
    ["DSTU2 pager", { system: "pager", value: "555", use: "work" }, undefined, "Pager: 555 (work)"],
    ["R4 sms", { system: "sms", value: "555" }, undefined, "SMS: 555"],
    ["R4 url", { system: "url", value: "https://example.com" }, undefined, "Web: https://example.com"],
    ["temp use", { system: "phone", value: "555", use: "temp" }, undefined, "Phone: 555 (temporary)"],
    ["no system", { value: "555" }, undefined, "Contact: 555"],
    ["unknown system shown as sent", { system: "carrier-pigeon", value: "coop 4" }, undefined, "carrier-pigeon: coop 4"],
    ["without system", { system: "email", value: "a@b.c", use: "home" }, { system: false }, "a@b.c (home)"],
    ["without use", { system: "email", value: "a@b.c", use: "home" }, { use: false }, "Email: a@b.c"],
    ["no value", { system: "email", use: "home" }, undefined, ""],
    ["value: a number", broken({ system: "phone", value: 5551234 }), undefined, ""],
    ["system: a number", broken({ system: 1, value: "555" }), undefined, "Contact: 555"],
    ["contact point: a string", broken("555"), undefined, ""],
    ["null", null, undefined, ""],
    ["markup stays literal", { system: "email", value: "<script>alert(1)</script>" }, undefined, "Email: <script>alert(1)</script>"],
  ];
  it.each(cases)("%s", (_label, cp, options, expected) => {
    expect(formatContactPoint(cp, options)).toBe(expected);
  });

  it("bounds a 100 kB value and a 100 kB use", () => {
    const out = formatContactPoint({ system: "email", value: longString(100_000), use: longString(100_000) });
    expect(out.length).toBeLessThanOrEqual(1_000);
  });

  it("formatContactPoints skips junk", () => {
    expect(formatContactPoints([null, 3, { system: "email" }, ...danielAdamsR4.telecom])).toEqual([
      "Email: daniel.adams@example.com (home)",
      "Phone: +1 918 555 0100 (mobile)",
    ]);
    expect(formatContactPoints({ system: "email", value: "x" })).toEqual([]);
  });
});
