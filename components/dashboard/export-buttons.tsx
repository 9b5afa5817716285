import type { ParticipantQuery } from "@/lib/dashboard/query";

const button = "min-h-11 rounded-lg border-2 border-blue-800 px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50";

/**
 * The exports, as forms that POST the table's filters (an export releases data, so it is never a
 * link another site could point at: lib/dashboard/export-response.ts). The browser downloads the
 * file and stays on the dashboard; no JavaScript is needed.
 */
export function ExportButtons({ query }: { query: ParticipantQuery }) {
  const filters = { q: query.q, status: query.status ?? "", ehr: query.ehr ?? "", sort: query.sort, dir: query.dir };
  return (
    <div className="flex flex-wrap gap-4">
      {[
        { path: "/dashboard/export/participants.csv", label: "Export table (CSV)" },
        { path: "/dashboard/export/patients.ndjson", label: "Export Patient resources (NDJSON)" },
      ].map(({ path, label }) => (
        <form key={path} method="post" action={path}>
          {Object.entries(filters).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" className={button}>
            {label}
          </button>
        </form>
      ))}
    </div>
  );
}
