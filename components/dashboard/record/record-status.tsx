import { formatDateTime, timeAgo } from "@/lib/dashboard/format";
import type { ConnectionRecordStatus, RecordSearchStatus } from "@/lib/data/record-progress";
import { SEARCH_STATE_WORDS } from "@/lib/fhir/record/arrival";
import { RECORD_SECTIONS } from "@/lib/fhir/record";
import { KIND_WORDS } from "@/lib/fhir/record/kinds";

const table = "w-full min-w-[44rem] border-collapse text-sm [&_td]:px-2 [&_td]:py-1.5 [&_td]:align-top [&_th]:px-2 [&_th]:py-1.5 [&_th]:text-left [&_th]:align-top [&_tbody_th]:font-normal [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-200";
const n = (value: number) => value.toLocaleString("en-US");
const when = (date: Date | null, now: Date, empty = "Never") => (date ? `${timeAgo(date, now)} (${formatDateTime(date)})` : empty);
const STATE_STYLE: Record<RecordSearchStatus["state"], string> = {
  pending: "text-slate-800",
  done: "text-green-800",
  failed: "font-semibold text-red-800",
  refused: "text-amber-900",
  unsupported: "text-slate-800",
};

/** The record sections' headings on this page ("Medications", "Encounters"), by kind. */
const SECTION_TITLES: Readonly<Record<string, string>> = Object.fromEntries(RECORD_SECTIONS.map((s) => [s.key, s.title]));

/** What a search fetches, in the words of the record's sections below it where there is one (the search itself is shown beside it). */
function searchName(s: RecordSearchStatus): string {
  if (s.kind === null || s.kind === "other") return s.resourceType === "Patient" ? "Personal details" : s.resourceType;
  return SECTION_TITLES[s.kind] ?? KIND_WORDS[s.kind];
}

/**
 * The sync status of a connection's record for staff: each planned search with its state, how many
 * resources are held, when one last changed, and its last error in plain words; then the resources
 * read because the record points at them. The connection's heading must have the id `c-<connectionId>`.
 */
export function RecordStatus({ status, now = new Date() }: { status: ConnectionRecordStatus; now?: Date }) {
  const id = `s-${status.connectionId}`;
  const { progress } = status;
  return (
    <section aria-labelledby={id} className="space-y-2" data-testid="record-status">
      <h3 id={id} className="text-xl font-semibold">Record sync</h3>
      <p>
        Last complete: <span data-testid="record-synced-at">{when(status.recordSyncedAt, now, "Never (no sync has stored the whole record yet)")}</span>.{" "}
        {progress.planned === 0 ? "No search is planned yet: the first sync has not started." : progress.complete ? `All ${n(progress.planned)} searches finished in the latest pass.` : `This pass: ${n(progress.finished)} of ${n(progress.planned)} searches finished.`}
      </p>
      {status.searches.length > 0 && (
        <div role="region" aria-labelledby={`c-${status.connectionId} ${id}`} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className={table}>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">State</th>
                <th scope="col">Held</th>
                <th scope="col">Last update</th>
                <th scope="col">Last complete</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {status.searches.map((s) => (
                <tr key={s.searchKey}>
                  <th scope="row">
                    {searchName(s)} <code className="block text-xs text-slate-700">{s.searchKey}</code>
                  </th>
                  <td className={STATE_STYLE[s.state]}>{SEARCH_STATE_WORDS[s.state]}</td>
                  <td>{n(s.held)}{s.searchKey.includes(":") && s.resourceType !== "Observation" && <span className="block text-xs">(every {s.resourceType})</span>}</td>
                  <td>{when(s.lastChangedAt, now, "Nothing held")}</td>
                  <td>{when(s.lastCompleteAt, now)}</td>
                  <td>
                    {s.lastError ? `${s.lastError} (${s.lastErrorAt ? when(s.lastErrorAt, now) : "time not recorded"})` : "None"}
                    {s.refusedCount > 0 && <span className="block">{n(s.refusedCount)} {s.refusedCount === 1 ? "entry" : "entries"} refused in the last pass (not this patient&apos;s, wrong type or too big).</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {status.otherHeld.length > 0 && (
        <p className="text-sm">
          Also held:{" "}
          {status.otherHeld.map((t) => `${t.resourceType} ${n(t.count)}${t.source === "reference" ? " (read because the record points at them)" : ""}`).join("; ")}.
        </p>
      )}
    </section>
  );
}
