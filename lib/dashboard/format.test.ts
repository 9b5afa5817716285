import { describe, expect, it } from "vitest";
import { birthDateAndAge, expiresIn, formatDateTime } from "./format";

const now = new Date("2026-11-28T12:00:00Z");

describe("dashboard formats", () => {
  it.each([
    [new Date("2026-12-10T12:00:00Z"), "expires in 12 days"],
    [new Date("2026-11-29T12:00:01Z"), "expires in 1 day"],
    [new Date("2026-11-28T18:00:00Z"), "expires today"],
    [new Date("2026-11-25T11:00:00Z"), "expired 3 days ago"],
    [null, "No expiry recorded"],
  ])("%s → %s", (date, text) => {
    expect(expiresIn(date, now)).toBe(text);
  });

  it("shows a birth date with the age", () => {
    expect(birthDateAndAge("1925-12-23", now)).toMatch(/1925 \(age 100\)$/);
    expect(birthDateAndAge(null, now)).toBe("");
  });

  it("shows times in UTC", () => {
    expect(formatDateTime(new Date("2026-11-28T14:05:00Z"))).toBe("Nov 28, 2026, 14:05 UTC");
    expect(formatDateTime(null)).toBe("Never");
  });
});
