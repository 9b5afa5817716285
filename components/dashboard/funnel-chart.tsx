import { CHART, stackedBarsFor } from "@/lib/dashboard/chart";
import { dayLabel } from "@/lib/dashboard/funnel";
import type { EnrollmentFunnel } from "@/lib/data/enrollment-funnel";

/** The outcomes, bottom to top, with their colours (the legend names each; the table below gives every number). */
export const FUNNEL_SERIES = [
  { key: "approved", label: "Connected", fill: "fill-blue-800", swatch: "bg-blue-800" },
  { key: "denied", label: "Did not approve", fill: "fill-amber-500", swatch: "bg-amber-500" },
  { key: "failed", label: "Failed", fill: "fill-red-700", swatch: "bg-red-700" },
  { key: "abandoned", label: "Never came back", fill: "fill-slate-400", swatch: "bg-slate-400" },
  { key: "inProgress", label: "At the health system now", fill: "fill-sky-300", swatch: "bg-sky-300" },
] as const;

/**
 * Enrollment attempts per day, stacked by how each ended, drawn on the server as SVG (no script).
 * Screen readers get a summary; the table that follows has every figure.
 */
export function FunnelChart({ funnel }: { funnel: EnrollmentFunnel }) {
  const { bars, max } = stackedBarsFor(
    funnel.days.map((d) => ({ label: dayLabel(d.day), values: d.counts })),
    FUNNEL_SERIES.map((s) => s.key),
  );
  const first = funnel.days[0]?.day;
  const last = funnel.days.at(-1)?.day;
  const t = funnel.total;
  const summary = `Enrollment attempts per day from ${first ? dayLabel(first, { year: true }) : ""} to ${last ? dayLabel(last, { year: true }) : ""}: ${t.started} started, ${t.approved} connected, ${t.denied} did not approve, ${t.failed} failed, ${t.abandoned} never came back. The busiest day had ${max}.`;
  const labelEvery = Math.max(1, Math.ceil(bars.length / 8));
  return (
    <figure className="space-y-2 rounded-lg border border-slate-300 bg-white p-4">
      <figcaption className="font-semibold">Enrollment attempts per day, by how they ended</figcaption>
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={summary} className="h-auto w-full max-w-4xl">
        <line x1={CHART.padLeft} x2={CHART.width - CHART.padLeft} y1={CHART.height - CHART.padBottom} y2={CHART.height - CHART.padBottom} className="stroke-slate-500" />
        {bars.map((bar, i) => (
          <g key={bar.label}>
            {bar.segments.map((s) => (s.height > 0 ? <rect key={s.key} x={bar.x} y={s.y} width={bar.width} height={s.height} className={FUNNEL_SERIES.find((f) => f.key === s.key)!.fill} /> : null))}
            {i % labelEvery === 0 && (
              <text x={bar.x + bar.width / 2} y={CHART.height - 10} textAnchor="middle" className="fill-slate-700 text-[11px]">
                {bar.label}
              </text>
            )}
          </g>
        ))}
        <text x={CHART.padLeft} y={12} className="fill-slate-700 text-[11px]">{`Highest: ${max} a day`}</text>
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
        {FUNNEL_SERIES.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-3 w-3 ${s.swatch}`} />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
