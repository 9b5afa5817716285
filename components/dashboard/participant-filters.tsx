import { PAGE_SIZES, type ParticipantQuery } from "@/lib/dashboard/query";
import { CONNECTION_STATUS_LABELS } from "@/lib/enrollment/status-words";

const control = "mt-1 block min-h-11 rounded-lg border-2 border-slate-500 bg-white px-3 py-2";

export const SHOW_LABELS = { stale: "Stale data", ending: "Sharing ends within 30 days", "ending-unknown": "No sharing end date from the EHR" } as const;

/** Search and filters as a plain GET form: works without JavaScript, and the URL can be shared. */
export function ParticipantFilters({ query, healthSystems }: { query: ParticipantQuery; healthSystems: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/dashboard" role="search" aria-label="Participants" className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <label htmlFor="q" className="font-semibold">Search by name or id</label>
        <input id="q" name="q" type="search" defaultValue={query.q} maxLength={200} aria-describedby="q-help" className={`${control} w-full`} />
        <p id="q-help" className="mt-1 text-sm text-slate-700">Any order: &ldquo;amy shaw&rdquo; or &ldquo;Shaw, Amy&rdquo;. Also the study participant id, patient id or MRN.</p>
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
        <label htmlFor="show" className="font-semibold">Only</label>
        <select id="show" name="show" defaultValue={query.show ?? ""} className={control}>
          <option value="">Everyone</option>
          {Object.entries(SHOW_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="ehr" className="font-semibold">Health system</label>
        <select id="ehr" name="ehr" defaultValue={query.ehr ?? ""} className={`${control} max-w-64`}>
          <option value="">Any health system</option>
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
