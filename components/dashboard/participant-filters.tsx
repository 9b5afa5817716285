import { PAGE_SIZES, type ParticipantQuery } from "@/lib/dashboard/query";
import { CONNECTION_STATUS_LABELS } from "@/lib/enrollment/status-words";

const control = "mt-1 block rounded-lg border-2 border-slate-500 px-3 py-2";

/** Search and filters as a plain GET form: works without JavaScript, and the URL can be shared. */
export function ParticipantFilters({ query, healthSystems }: { query: ParticipantQuery; healthSystems: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/dashboard" role="search" aria-label="Participants" className="flex flex-wrap items-end gap-3">
      <div className="min-w-56 flex-1">
        <label htmlFor="q" className="font-semibold">Search by name or patient id</label>
        <input id="q" name="q" type="search" defaultValue={query.q} maxLength={200} className={`${control} w-full`} />
      </div>
      <div>
        <label htmlFor="status" className="font-semibold">Status</label>
        <select id="status" name="status" defaultValue={query.status ?? ""} className={control}>
          <option value="">Any status</option>
          {Object.entries(CONNECTION_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="ehr" className="font-semibold">EHR</label>
        <select id="ehr" name="ehr" defaultValue={query.ehr ?? ""} className={control}>
          <option value="">Any EHR</option>
          {healthSystems.map((hs) => (
            <option key={hs.id} value={hs.id}>{hs.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="size" className="font-semibold">Per page</label>
        <select id="size" name="size" defaultValue={String(query.size)} className={control}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
      </div>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <button type="submit" className="min-h-11 rounded-lg bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900">
        Apply
      </button>
    </form>
  );
}
