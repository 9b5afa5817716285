import { describe, expect, it } from "vitest";
import { birthDateAndAge, expiresIn, fhirVersionLabel, formatDateTime, syncProgressText, timeAgo } from "./format";

const now = new Date("2026-11-28T12:00:00Z");

describe("dashboard formats", () => {
  it.each([
    [new Date("2026-12-10T12:00:00Z"), "expires in 12 days"],
    [new Date("2026-11-29T12:00:01Z"), "expires in 1 day"],
    [new Date("2026-11-28T18:00:00Z"), "expires in 6 hours"],
    // A one-hour access token is not "expires today".
    [new Date("2026-11-28T12:52:30Z"), "expires in 52 minutes"],
    [new Date("2026-11-28T12:00:30Z"), "expires in 30 seconds"],
    [new Date("2026-11-25T11:00:00Z"), "expired 3 days ago"],
    [new Date("2026-11-28T09:00:00Z"), "expired 3 hours ago"],
    [null, "No expiry recorded"],
  ])("%s → %s", (date, text) => {
    expect(expiresIn(date, now)).toBe(text);
  });

  it("says how long ago", () => {
    expect(timeAgo(new Date("2026-11-28T09:00:00Z"), now)).toBe("3 hours ago");
    expect(timeAgo(new Date("2026-11-28T11:59:50Z"), now)).toBe("just now");
  });

  it("shows a birth date with the age, and stops the age at death", () => {
    expect(birthDateAndAge("1925-12-23", now)).toBe("Dec 23, 1925 (age 100)");
    // The case: not "age 99" beside "Deceased 1989".
    expect(birthDateAndAge("1926-01-01", now, "1989")).toBe("Jan 1, 1926 (died 1989, aged 63)");
    expect(birthDateAndAge("1925-12-23", now, "1989-03-02T10:00:00-05:00")).toBe("Dec 23, 1925 (died Mar 2, 1989, aged 63)");
    expect(birthDateAndAge("1925-12-23", now, "yes")).toBe("Dec 23, 1925 (died)");
    expect(birthDateAndAge(null, now)).toBe("");
  });

  it("shows times in UTC", () => {
    expect(formatDateTime(new Date("2026-11-28T14:05:00Z"))).toBe("Nov 28, 2026, 14:05 UTC");
    expect(formatDateTime(null)).toBe("Never");
  });

  it.each([
    ["4.0.1", "FHIR R4 (4.0.1)"],
    ["1.0.2", "FHIR DSTU2 (1.0.2)"],
    ["3.0.2", "FHIR STU3 (3.0.2)"],
    ["6.0.0-ballot", "FHIR 6.0.0-ballot"],
    [null, "FHIR version not stated by the health system"],
    ["", "FHIR version not stated by the health system"],
  ])("fhirVersionLabel(%j) → %j", (version, label) => {
    expect(fhirVersionLabel(version)).toBe(label);
  });

  it("never calls a failed connection synced", () => {
    const startedAt = new Date("2026-11-28T10:00:00Z");
    // The case: one connection, it failed. Was: "1 of 1 synced, 1 failed".
    expect(syncProgressText({ running: false, total: 1, done: 1, failed: 1, startedAt })).toBe(
      'Last sync pass (started Nov 28, 2026, 10:00 UTC): 0 of 1 connections synced; 1 could not be synced (see "Last error").',
    );
    expect(syncProgressText({ running: false, total: 3, done: 3, failed: 0, startedAt })).toContain("3 of 3 connections synced.");
    expect(syncProgressText({ running: true, total: 10_000, done: 4_210, failed: 10, startedAt })).toBe(
      'Sync running: 4,210 of 10,000 connections checked, 4,200 synced; 10 could not be synced (see "Last error").',
    );
    expect(syncProgressText({ running: false, total: 0, done: 0, failed: 0, startedAt })).toContain("no connection was due");
  });
});
