import { describe, expect, it } from "vitest";
import { ageFromBirthDate, formatDate, parseFhirDate, type FhirDateParts } from "./dates";
import { longString } from "./test-fixtures";

/** A Date at noon UTC on the given calendar day. */
const on = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("parseFhirDate", () => {
  const cases: [unknown, FhirDateParts | undefined][] = [
    ["1925", { year: 1925 }],
    ["1925-12", { year: 1925, month: 12 }],
    ["1925-12-23", { year: 1925, month: 12, day: 23 }],
    ["2018-02-21T15:01:44.340+00:00", { year: 2018, month: 2, day: 21 }],
    ["2018-02-21T23:30:00-10:00", { year: 2018, month: 2, day: 21 }],
    ["2018-02-21T23:30Z", { year: 2018, month: 2, day: 21 }],
    ["2000-02-29", { year: 2000, month: 2, day: 29 }],
    ["1900-02-29", undefined],
    ["2001-02-29", undefined],
    ["2001-04-31", undefined],
    ["1925-13", undefined],
    ["1925-00", undefined],
    ["1925-12-00", undefined],
    ["0000", undefined],
    ["0044-03-15", { year: 44, month: 3, day: 15 }],
    ["25-12-23", undefined],
    ["1925/12/23", undefined],
    ["1925-12-23T", undefined],
    ["1925-12-23T25", undefined],
    ["Dec 23 1925", undefined],
    ["", undefined],
    [19251223, undefined],
    [null, undefined],
    [longString(100_000, "1"), undefined],
  ];
  it.each(cases)("%j", (value, expected) => {
    expect(parseFhirDate(value)).toEqual(expected);
  });
});

describe("formatDate", () => {
  const cases: [unknown, string | undefined, string][] = [
    ["1925-12-23", undefined, "December 23, 1925"],
    ["1925-12", undefined, "December 1925"],
    ["1925", undefined, "1925"],
    ["2018-02-21T23:30:00-10:00", undefined, "February 21, 2018"], // not shifted to the next day in UTC
    ["2018-02-21T00:30:00+14:00", undefined, "February 21, 2018"], // not shifted to the day before
    ["2000-01-01", undefined, "January 1, 2000"],
    ["0044-03-15", undefined, "March 15, 44"],
    ["1925-12-23", "en-GB", "23 December 1925"],
    ["1925-12-23", "de-DE", "23. Dezember 1925"],
    ["1925-12-23", "not a locale!!", "December 23, 1925"],
    ["1925-02-30", undefined, ""],
    ["yesterday", undefined, ""],
    [undefined, undefined, ""],
    [42, undefined, ""],
  ];
  it.each(cases)("%j (%s)", (value, locale, expected) => {
    expect(formatDate(value, locale === undefined ? {} : { locale })).toBe(expected);
  });
});

describe("ageFromBirthDate", () => {
  const cases: [string, unknown, string, number | undefined][] = [
    ["walkthrough patient", "1925-12-23", "2026-01-15", 100],
    ["day before birthday", "1990-06-15", "2026-06-14", 35],
    ["birthday today", "1990-06-15", "2026-06-15", 36],
    ["day after birthday", "1990-06-15", "2026-06-16", 36],
    ["born today", "2026-06-15", "2026-06-15", 0],
    ["born yesterday", "2026-06-14", "2026-06-15", 0],
    ["leap day, Feb 28 of a non-leap year", "2000-02-29", "2001-02-28", 0],
    ["leap day, Mar 1 of a non-leap year", "2000-02-29", "2001-03-01", 1],
    ["leap day, Feb 28 of a leap year", "2000-02-29", "2004-02-28", 3],
    ["leap day, Feb 29 of a leap year", "2000-02-29", "2004-02-29", 4],
    ["year only, mid-year (youngest possible)", "1925", "2026-06-15", 100],
    ["year only, on Dec 31", "1925", "2026-12-31", 101],
    ["year and month, before month end", "1925-06", "2026-06-15", 100],
    ["year and month, at month end", "1925-06", "2026-06-30", 101],
    ["year and month Feb 2000 (may be the 29th), Feb 28", "2000-02", "2026-02-28", 25],
    ["year and month Feb 2000, Mar 1", "2000-02", "2026-03-01", 26],
    ["year only, this year", "2026", "2026-01-01", 0],
    ["year and month, this month", "2026-06", "2026-06-01", 0],
    ["future date", "2026-06-16", "2026-06-15", undefined],
    ["future year", "2999", "2026-06-15", undefined],
    ["future month", "2026-07", "2026-06-15", undefined],
    ["dateTime birth date", "1990-06-15T23:00:00-05:00", "2026-06-15", 36],
    ["invalid date", "1990-02-30", "2026-06-15", undefined],
    ["wrong type", 1990, "2026-06-15", undefined],
    ["missing", undefined, "2026-06-15", undefined],
  ];
  it.each(cases)("%s", (_label, birthDate, today, expected) => {
    expect(ageFromBirthDate(birthDate, on(today))).toBe(expected);
  });

  it("counts the calendar date in the given time zone", () => {
    const now = new Date("2026-06-15T02:00:00Z"); // still June 14 in Chicago
    expect(ageFromBirthDate("1990-06-15", now)).toBe(36);
    expect(ageFromBirthDate("1990-06-15", now, { timeZone: "America/Chicago" })).toBe(35);
  });

  it("gives undefined for an invalid now or time zone", () => {
    expect(ageFromBirthDate("1990-06-15", new Date("nope"))).toBeUndefined();
    expect(ageFromBirthDate("1990-06-15", on("2026-06-15"), { timeZone: "Mars/Olympus" })).toBeUndefined();
  });
});
