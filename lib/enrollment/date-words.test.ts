import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { calendarDay, formatCalendarDay, NOT_TOLD, sharingEndsWords } from "./date-words";

// Node applies a change of process.env.TZ at once: the same checks run far west (UTC−11), far east
// (UTC+14) and in between; every answer must be the same.
const ZONES = ["Pacific/Pago_Pago", "America/Los_Angeles", "UTC", "Asia/Tokyo", "Pacific/Kiritimati"];
const original = process.env.TZ;

describe.each(ZONES)("date-only values in %s", (zone) => {
  beforeEach(() => {
    process.env.TZ = zone;
  });
  afterEach(() => {
    process.env.TZ = original;
  });

  it("is really running in that zone", () => {
    const offsets: Record<string, number> = { "Pacific/Pago_Pago": 660, "America/Los_Angeles": 480, UTC: 0, "Asia/Tokyo": -540, "Pacific/Kiritimati": -840 };
    expect(new Date("2026-12-05T00:00:00Z").getTimezoneOffset()).toBe(offsets[zone]);
  });

  it("reads an EHR's relative lifetime that lands seconds before the chosen day's boundary as that day", () => {
    // smart-v2: Share until 2026-12-05 → 00:00Z; refresh_token_expires_in floors, the portal adds it to its own clock.
    expect(calendarDay(new Date("2026-12-04T23:59:59.412Z"))).toBe("2026-12-05");
    expect(calendarDay(new Date("2026-12-05T00:00:00.000Z"))).toBe("2026-12-05");
    expect(calendarDay(new Date("2026-12-05T00:00:01.250Z"))).toBe("2026-12-05");
  });

  it("keeps a time well inside a day on that day (UTC)", () => {
    expect(calendarDay(new Date("2026-12-05T12:00:00Z"))).toBe("2026-12-05");
    expect(calendarDay(new Date("2026-12-05T23:30:00Z"))).toBe("2026-12-05");
    expect(calendarDay(new Date("2026-12-05T00:30:00Z"))).toBe("2026-12-05");
  });

  it("formats a day without any zone moving it", () => {
    expect(formatCalendarDay("2026-12-05")).toBe("December 5, 2026");
    expect(formatCalendarDay("2027-01-01")).toBe("January 1, 2027");
    expect(formatCalendarDay("2026-12-05", "es")).toBe("5 de diciembre de 2026");
  });

  it("says 'not told to the study' unless the EHR gave the date", () => {
    expect(sharingEndsWords(new Date("2027-11-29T00:00:00Z"), false)).toBe(NOT_TOLD);
    expect(sharingEndsWords(null, true)).toBe(NOT_TOLD);
    expect(sharingEndsWords(new Date("2026-12-03T23:59:58.9Z"), true)).toBe("December 4, 2026");
  });
});
