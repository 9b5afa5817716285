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

/** "2026-11" → "Nov 26". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTHS[Number(m) - 1] ?? "?"} ${year?.slice(2) ?? ""}`;
}
