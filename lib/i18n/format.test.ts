import { describe, expect, it } from "vitest";
import { participantFormat } from "./format";

const day = new Date("2027-03-03T00:00:00Z");

describe("participantFormat", () => {
  it("writes days in each language, on the day stored (UTC)", () => {
    expect(participantFormat("en").day(day)).toBe("March 3, 2027");
    expect(participantFormat("es").day(day)).toBe("3 de marzo de 2027");
  });

  it("writes a day and time in each language", () => {
    const at = new Date("2027-03-03T14:05:00Z");
    expect(participantFormat("en").dayAndTime(at)).toMatch(/^March 3, 2027 at 2:05\sPM$/);
    expect(participantFormat("es").dayAndTime(at)).toBe("3 de marzo de 2027 a las 14:05");
  });

  it("shows the day in the participant's time zone when one is given", () => {
    const lateEvening = new Date("2027-03-04T02:00:00Z");
    expect(participantFormat("en", "America/Chicago").day(lateEvening)).toBe("March 3, 2027");
  });

  it("writes numbers with each language's separators", () => {
    expect(participantFormat("en").number(12345.5)).toBe("12,345.5");
    expect(participantFormat("es").number(12345.5)).toBe("12.345,5");
  });

  it("joins lists in each language", () => {
    expect(participantFormat("en").list(["a", "b", "c"])).toBe("a, b, and c");
    expect(participantFormat("es").list(["a", "b", "c"])).toBe("a, b y c");
  });
});
