import { dayLabel, failureReasonWords, type FunnelCounts } from "@/lib/dashboard/funnel";
import type { EnrollmentFunnel } from "@/lib/data/enrollment-funnel";

const cell = "px-2 py-1.5 text-right tabular-nums";
const head = "px-2 py-1.5 text-left";
const n = (value: number) => value.toLocaleString("en-US");
const COLUMNS: [keyof FunnelCounts, string][] = [
  ["started", "Started"],
  ["approved", "Connected"],
  ["denied", "Did not approve"],
  ["failed", "Failed"],
  ["abandoned", "Never came back"],
  ["inProgress", "At the EHR now"],
];

function CountsTable({ id, caption, rows, rowHeader }: { id: string; caption: string; rows: { key: string; label: string; counts: FunnelCounts }[]; rowHeader: string }) {
  return (
    <div role="region" aria-labelledby={id} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="w-full min-w-[40rem] border-collapse text-sm" data-testid={id}>
        <caption id={id} className="px-2 py-2 text-left font-semibold">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className={head}>{rowHeader}</th>
            {COLUMNS.map(([key, label]) => (
              <th key={key} scope="col" className="px-2 py-1.5 text-right">{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-slate-200">
              <th scope="row" className={`${head} font-normal`}>{row.label}</th>
              {COLUMNS.map(([key]) => (
                <td key={key} className={cell}>{n(row.counts[key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The funnel's figures: per health system, failures by reason, and per day (newest first). */
export function FunnelTables({ funnel }: { funnel: EnrollmentFunnel }) {
  return (
    <div className="space-y-6">
      <CountsTable
        id="funnel-health-systems"
        caption="By health system"
        rowHeader="Health system"
        rows={[...funnel.healthSystems.map((h) => ({ key: h.id, label: h.name, counts: h.counts })), { key: "all", label: "All health systems", counts: funnel.total }]}
      />
      <section aria-labelledby="failures-title" className="space-y-2">
        <h2 id="failures-title" className="text-xl font-semibold">Why attempts failed</h2>
        {funnel.failures.length === 0 ? (
          <p>No attempt failed in this period.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-6" data-testid="funnel-failures">
            {funnel.failures.map((f) => (
              <li key={f.reason}>
                {failureReasonWords(f.reason)}: {n(f.count)}
                {funnel.healthSystems.filter((h) => h.failures.some((x) => x.reason === f.reason)).length > 0 && (
                  <span className="text-slate-700">
                    {" "}({funnel.healthSystems.flatMap((h) => h.failures.filter((x) => x.reason === f.reason).map((x) => `${h.name} ${n(x.count)}`)).join(", ")})
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm text-slate-700">Each reason is the page the participant saw; &ldquo;Did not approve&rdquo; is counted apart from failures.</p>
      </section>
      <CountsTable
        id="funnel-days"
        caption="By day (UTC)"
        rowHeader="Day"
        rows={[...funnel.days].reverse().map((d) => ({ key: d.day, label: dayLabel(d.day, { year: true }), counts: d.counts }))}
      />
    </div>
  );
}
