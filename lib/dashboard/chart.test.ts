import { describe, expect, it } from "vitest";
import { barsFor, CHART, monthLabel, stackedBarsFor } from "./chart";

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
    expect(monthLabel("2026-11")).toBe("Nov 2026");
    // Was "Dec 25", which reads as Christmas Day.
    expect(monthLabel("2025-12")).toBe("Dec 2025");
  });
});

describe("stacked bars", () => {
  it("stacks segments from the bottom and scales the tallest bar to the plot", () => {
    const { bars, max } = stackedBarsFor(
      [
        { label: "Nov 1", values: { approved: 3, failed: 1 } },
        { label: "Nov 2", values: { approved: 0, failed: 0 } },
        { label: "Nov 3", values: { approved: 1, failed: -5 } },
      ],
      ["approved", "failed"] as const,
    );
    const plot = CHART.height - CHART.padTop - CHART.padBottom;
    expect(max).toBe(4);
    expect(bars[0]!.segments.reduce((h, s) => h + s.height, 0)).toBeCloseTo(plot, 0);
    expect(bars[0]!.segments[0]!.y).toBeGreaterThan(bars[0]!.segments[1]!.y);
    expect(bars[1]!.total).toBe(0);
    expect(bars[2]!.segments[1]!.count).toBe(0);
    for (const bar of bars) expect(bar.x + bar.width).toBeLessThanOrEqual(CHART.width);
  });
});
