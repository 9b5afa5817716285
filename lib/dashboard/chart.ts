/** Geometry of the enrollments bar chart (pure, so the SVG component stays trivial). */
export type Bar = { label: string; count: number; x: number; y: number; width: number; height: number };

export const CHART = { width: 640, height: 200, padTop: 16, padBottom: 28, padLeft: 8, gap: 8 } as const;

export function barsFor(data: { month: string; count: number }[]): { bars: Bar[]; max: number } {
  const max = Math.max(1, ...data.map((d) => d.count));
  const plotHeight = CHART.height - CHART.padTop - CHART.padBottom;
  const slot = (CHART.width - CHART.padLeft * 2) / Math.max(1, data.length);
  const bars = data.map((d, i) => {
    const height = Math.round((d.count / max) * plotHeight);
    return {
      label: monthLabel(d.month),
      count: d.count,
      x: Math.round(CHART.padLeft + i * slot + CHART.gap / 2),
      y: CHART.padTop + plotHeight - height,
      width: Math.max(1, Math.round(slot - CHART.gap)),
      height,
    };
  });
  return { bars, max };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-12" → "Dec 2025": the year in full, so a month never reads as a date ("Dec 25"). */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTHS[Number(m) - 1] ?? "?"} ${year ?? ""}`;
}

/** One segment of a stacked bar. */
export type Segment = { key: string; y: number; height: number; count: number };
export type StackedBar = { label: string; x: number; width: number; total: number; segments: Segment[] };

/**
 * Geometry of a stacked bar chart (the enrollment funnel per day): one bar per entry, its
 * segments in `keys` order from the bottom, scaled so the tallest bar fills the plot.
 */
export function stackedBarsFor<K extends string>(data: { label: string; values: Record<K, number> }[], keys: readonly K[]): { bars: StackedBar[]; max: number } {
  const totals = data.map((d) => keys.reduce((sum, k) => sum + Math.max(0, d.values[k]), 0));
  const max = Math.max(1, ...totals);
  const plotHeight = CHART.height - CHART.padTop - CHART.padBottom;
  const slot = (CHART.width - CHART.padLeft * 2) / Math.max(1, data.length);
  const bars = data.map((d, i) => {
    let top = CHART.padTop + plotHeight;
    const segments = keys.map((key) => {
      const count = Math.max(0, d.values[key]);
      const height = (count / max) * plotHeight;
      top -= height;
      return { key, y: Math.round(top * 10) / 10, height: Math.round(height * 10) / 10, count };
    });
    return { label: d.label, x: Math.round(CHART.padLeft + i * slot + 1), width: Math.max(1, Math.round(slot - 2)), total: totals[i]!, segments };
  });
  return { bars, max };
}
