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
      <figcaption className="mb-2 font-semibold">Enrollments per month</figcaption>
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={`Enrollments per month. ${summary}`} className="h-auto w-full">
        {bars.map((bar) => (
          <g key={bar.label}>
            <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} className="fill-blue-800" />
            <text x={bar.x + bar.width / 2} y={CHART.height - 10} textAnchor="middle" className="fill-slate-700 text-[11px]">
              {bar.label}
            </text>
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
