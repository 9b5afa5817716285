import { describe, expect, it } from "vitest";
import { addOutcome, dayLabel, dayRange, emptyCounts, failureReasonWords } from "./funnel";

describe("the enrollment funnel", () => {
  it("counts every started attempt exactly once, by how it ended", () => {
    const counts = [
      { outcome: "approved", count: 5 },
      { outcome: "denied", failureReason: "declined", count: 2 },
      { outcome: "failed", failureReason: "ehr-unavailable", count: 3 },
      { outcome: null, open: true, count: 1 },
      { outcome: null, open: false, count: 4 },
    ].reduce(addOutcome, emptyCounts());
    expect(counts).toEqual({ started: 15, approved: 5, denied: 2, failed: 3, inProgress: 1, abandoned: 4 });
  });

  it("names failure reasons as the participant was told", () => {
    expect(failureReasonWords("ehr-unavailable")).toBe("Your health system is not answering");
    expect(failureReasonWords("something-else")).toBe("something-else");
    expect(failureReasonWords(null)).toBe("Reason not recorded");
  });

  it("lists days oldest first and labels them as days", () => {
    expect(dayRange(3, new Date("2026-03-01T05:00:00Z"))).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(dayLabel("2026-12-25")).toBe("Dec 25");
    expect(dayLabel("2026-12-05", { year: true })).toBe("Dec 5, 2026");
  });
});
