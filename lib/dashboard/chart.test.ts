import { describe, expect, it } from "vitest";
import { barsFor, CHART, monthLabel } from "./chart";

describe("enrollment chart geometry", () => {
  it("scales the tallest bar to the plot height and keeps bars inside the chart", () => {
    const { bars, max } = barsFor([
      { month: "2026-10", count: 5 },
      { month: "2026-11", count: 10 },
      { month: "2026-12", count: 0 },
    ]);
    expect(max).toBe(10);
    expect(bars[1]!.height).toBe(CHART.height - CHART.padTop - CHART.padBottom);
    expect(bars[2]!.height).toBe(0);
    for (const bar of bars) expect(bar.x + bar.width).toBeLessThanOrEqual(CHART.width);
  });

  it("handles no enrollments at all", () => {
    expect(barsFor([{ month: "2026-11", count: 0 }]).bars[0]!.height).toBe(0);
    expect(monthLabel("2026-11")).toBe("Nov 26");
  });
});
