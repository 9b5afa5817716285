import type { FormattedRecord, RecordRows, RecordSection, RecordSectionKey } from "@/lib/fhir/record";
import { RECORD_SECTIONS } from "@/lib/fhir/record";
import { RECORD_COLUMNS, type Column } from "./record-columns";

// Cell padding set once on the table (not on each of a few hundred cells): the page stays small.
const table = "w-full min-w-[40rem] border-collapse text-sm [&_td]:px-2 [&_td]:py-1.5 [&_td]:align-top [&_th]:px-2 [&_th]:py-1.5 [&_th]:text-left [&_th]:align-top [&_tbody_th]:font-normal [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-200";
const n = (value: number) => value.toLocaleString("en-US");

/**
 * A connection's record, one table per section (newest first), each row with a link to the raw
 * JSON the EHR sent. Long sections show their newest rows and a link to show them all. The
 * connection's heading must have the id `c-<connectionId>` (it names each table's scroll region).
 */
export function RecordSections({ record, participantId, connectionId, showAllHref }: { record: FormattedRecord; participantId: string; connectionId: string; showAllHref: (key: RecordSectionKey) => string }) {
  return (
    <div className="space-y-6">
      {RECORD_SECTIONS.map(({ key }) => (
        <Section key={key} section={record[key] as RecordSection} participantId={participantId} connectionId={connectionId} showAllHref={showAllHref(key)} />
      ))}
    </div>
  );
}

function Section<K extends RecordSectionKey>({ section, participantId, connectionId, showAllHref }: { section: RecordSection<K>; participantId: string; connectionId: string; showAllHref: string }) {
  const id = `${connectionId}-${section.key}`;
  const columns = RECORD_COLUMNS[section.key] as Column<RecordRows[K]>[];
  const main = columns.find((c) => c.main)!;
  return (
    <section aria-labelledby={id} className="space-y-2" data-testid={`record-${section.key}`}>
      <h4 id={id} className="text-lg font-semibold">
        {section.title} <span className="font-normal text-slate-700">({n(section.total)})</span>
      </h4>
      {section.total === 0 ? (
        <p className="text-slate-700">None recorded.</p>
      ) : (
        <div role="region" aria-labelledby={`c-${connectionId} ${id}`} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className={table}>
            <thead className="bg-slate-100">
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col">{c.header}</th>
                ))}
                <th scope="col">
                  <span className="sr-only">The health system&apos;s data</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {section.rows.map((row) => (
                <tr key={row.rowId}>
                  {columns.map((c) => (c === main ? <th key={c.header} scope="row">{c.cell(row)}</th> : <td key={c.header}>{c.cell(row)}</td>))}
                  <td>
                    <a href={`/dashboard/participants/${participantId}/resources/${row.rowId}`} className="text-blue-800 underline underline-offset-2">Raw data</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {section.rows.length < section.total && (
        <p>
          Showing the newest {n(section.rows.length)}.{" "}
          <a href={`${showAllHref}#${id}`} className="text-blue-800 underline underline-offset-4">Show all {n(section.total)} {section.title.toLowerCase()}</a>
        </p>
      )}
      {section.enteredInError > 0 && <p className="text-sm text-slate-700">{n(section.enteredInError)} marked &ldquo;entered in error&rdquo; by the health system, not shown.</p>}
    </section>
  );
}
