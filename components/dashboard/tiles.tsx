import Link from "next/link";
import { getDashboardTiles } from "@/lib/data/dashboard-tiles";
import type { StaffSession } from "@/lib/staff/roles";

const n = (value: number) => value.toLocaleString("en-US");
const days = (value: number) => (value === 1 ? "1 day" : `${value} days`);

/**
 * The study team's questions at a glance, each a link to the table filtered to those people:
 * who is connected, whose data is stale, whose sharing ends soon, who must reconnect.
 */
export async function Tiles({ staff }: { staff: StaffSession }) {
  const t = await getDashboardTiles(staff);
  const tiles = [
    { id: "connected", label: "Connected", value: t.connected, href: "/dashboard?status=connected", note: `${n(t.enrolled)} enrolled in all, ${n(t.withdrawn)} withdrawn` },
    { id: "stale", label: "Stale data", value: t.stale, href: "/dashboard?show=stale", note: `Connected, but no complete sync in ${days(t.staleAfterDays)}` },
    { id: "ending", label: "Sharing ends within 30 days", value: t.endingSoon, href: "/dashboard?show=ending", note: null },
    { id: "needs-reconnecting", label: "Needs reconnecting", value: t.needsReconnecting, href: "/dashboard?status=needs_reconnect", note: "The health system no longer accepts the connection" },
  ];
  return (
    <section aria-labelledby="tiles-title">
      <h2 id="tiles-title" className="sr-only">At a glance</h2>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {tiles.map((tile) => (
          <li key={tile.id} className="rounded-lg border border-slate-300 bg-white p-4">
            <Link href={tile.href} className="block text-blue-900 no-underline hover:underline" data-testid={`tile-${tile.id}`}>
              <span className="block text-sm font-semibold text-slate-800">{tile.label}</span>
              <span className="block text-3xl font-bold" data-testid={`tile-${tile.id}-count`}>{n(tile.value)}</span>
            </Link>
            {tile.note && <p className="mt-1 text-sm text-slate-700">{tile.note}</p>}
            {tile.id === "ending" && (
              <p className="mt-1 text-sm text-slate-700">
                By the health system&apos;s own date.{" "}
                <Link href="/dashboard?show=ending-unknown" className="text-blue-800 underline underline-offset-2" data-testid="tile-ending-unknown">
                  {n(t.endingUnknown)} connected with no end date given
                </Link>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
