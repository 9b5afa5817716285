import { barsFor, CHART } from "@/lib/dashboard/chart";
import { getMonthlyEnrollments } from "@/lib/data/dashboard-tiles";
import type { StaffSession } from "@/lib/staff/roles";

/** Enrollments per month over the last year, drawn on the server as SVG (no script, no library). */
export async function EnrollmentChart({ staff }: { staff: StaffSession }) {
  const data = await getMonthlyEnrollments(staff);
  const { bars } = barsFor(data);
  const summary = data.map((d, i) => `${bars[i]!.label}: ${d.count}`).join(", ");
  return (
    <figure className="rounded-lg border border-slate-300 bg-white p-4">
      <figcaption className="mb-2 font-semibold">New participants per month</figcaption>
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={`Enrollments per month. ${summary}`} className="h-auto w-full max-w-4xl">
        {bars.map((bar, i) => (
          <g key={bar.label}>
            <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} className="fill-blue-800" />
            {/* "Dec" over "2025": the year in full (under the first bar and each January), never "Dec 25". */}
            <text x={bar.x + bar.width / 2} y={CHART.height - 16} textAnchor="middle" className="fill-slate-700 text-[11px]">
              {bar.label.split(" ")[0]}
            </text>
            {(i === 0 || bar.label.startsWith("Jan ")) && (
              <text x={bar.x + bar.width / 2} y={CHART.height - 3} textAnchor="middle" className="fill-slate-700 text-[11px]">
                {bar.label.split(" ")[1]}
              </text>
            )}
            {bar.count > 0 && (
              <text x={bar.x + bar.width / 2} y={bar.y - 3} textAnchor="middle" className="fill-slate-900 text-[11px]">
                {bar.count}
              </text>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}
