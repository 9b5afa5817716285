import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import type { AuditQuery } from "@/lib/dashboard/audit-query";

const control = "mt-1 block min-h-11 rounded-lg border-2 border-slate-500 bg-white px-3 py-2";

/** The audit log's filters as a plain GET form (who, what, participant, date range). */
export function AuditFilters({ query, staffEmails }: { query: AuditQuery; staffEmails: string[] }) {
  return (
    <form method="get" action="/dashboard/audit" role="search" aria-label="Audit log" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="who" className="font-semibold">Who</label>
        <select id="who" name="who" defaultValue={query.who ?? ""} className={`${control} max-w-72`}>
          <option value="">Anyone</option>
          <option value="participants">Participants (themselves)</option>
          {staffEmails.map((email) => (
            <option key={email} value={email}>{email}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="what" className="font-semibold">What</label>
        <select id="what" name="what" defaultValue={query.what ?? ""} className={`${control} max-w-80`}>
          <option value="">Anything</option>
          {Object.entries(AUDIT_ACTIONS).map(([action, words]) => (
            <option key={action} value={action}>{words}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="participant" className="font-semibold">Participant id</label>
        <input id="participant" name="participant" type="text" defaultValue={query.participant ?? ""} placeholder="P-4K7M-Q2XD" maxLength={40} className={`${control} w-44`} />
      </div>
      <div>
        <label htmlFor="from" className="font-semibold">From</label>
        <input id="from" name="from" type="date" defaultValue={query.from ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="to" className="font-semibold">To</label>
        <input id="to" name="to" type="date" defaultValue={query.to ?? ""} className={control} />
      </div>
      <button type="submit" className="min-h-11 rounded-lg bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900">
        Apply
      </button>
    </form>
  );
}
