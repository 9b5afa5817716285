import { getDashboardTiles } from "@/lib/data/dashboard-tiles";
import type { StaffSession } from "@/lib/staff/roles";

/** The four totals at the top of the dashboard. */
export async function Tiles({ staff }: { staff: StaffSession }) {
  const tiles = await getDashboardTiles(staff);
  const items = [
    ["Enrolled", tiles.enrolled],
    ["Connected", tiles.connected],
    ["Needs reconnecting", tiles.needsReconnecting],
    ["Withdrawn", tiles.withdrawn],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-slate-300 bg-white p-4">
          <dt className="text-sm font-semibold text-slate-700">{label}</dt>
          <dd className="text-3xl font-bold" data-testid={`tile-${label.toLowerCase().replace(/ /g, "-")}`}>
            {value.toLocaleString("en-US")}
          </dd>
        </div>
      ))}
    </dl>
  );
}
