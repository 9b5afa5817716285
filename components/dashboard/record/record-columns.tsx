import type { RecordRows, RecordSectionKey } from "@/lib/fhir/record";
import { FLAG_TEXT } from "@/lib/fhir/record";

export type Column<Row> = { header: string; cell: (row: Row) => React.ReactNode; main?: boolean };

const muted = (text: string) => text || <span className="text-slate-600">—</span>;

/** A result with its abnormal flag in words (never colour alone). */
function Result({ value, flag }: { value: string; flag: keyof typeof FLAG_TEXT | undefined }) {
  return (
    <>
      {flag ? <strong>{muted(value)}</strong> : muted(value)}
      {flag && <span className="ml-2 inline-block rounded border border-red-800 bg-red-50 px-1.5 text-xs font-semibold text-red-900">{FLAG_TEXT[flag]}</span>}
    </>
  );
}

const observations: Column<RecordRows["labs"]>[] = [
  { header: "Test", cell: (r) => r.name, main: true },
  { header: "Result", cell: (r) => <Result value={r.value} flag={r.flag} /> },
  { header: "Reference range", cell: (r) => muted(r.referenceRange) },
  { header: "Date", cell: (r) => muted(r.date) },
  { header: "Status", cell: (r) => muted(r.status) },
];

/** The columns of each section's table; `main` names the row (the raw-data link says whose it is). */
export const RECORD_COLUMNS: { [K in RecordSectionKey]: Column<RecordRows[K]>[] } = {
  conditions: [
    { header: "Condition", cell: (r) => r.name, main: true },
    { header: "Status", cell: (r) => muted([r.clinicalStatus, r.verification].filter(Boolean).join(", ")) },
    { header: "Began", cell: (r) => muted(r.onset) },
    { header: "Ended", cell: (r) => muted(r.abated) },
    { header: "Recorded", cell: (r) => muted(r.recorded) },
  ],
  medications: [
    { header: "Medicine", cell: (r) => r.medicine, main: true },
    { header: "Kind", cell: (r) => r.kind },
    { header: "Instructions", cell: (r) => muted(r.dosage) },
    { header: "Date", cell: (r) => muted(r.date) },
    { header: "Status", cell: (r) => muted(r.status) },
  ],
  allergies: [
    { header: "Allergy to", cell: (r) => r.substance, main: true },
    { header: "Reactions", cell: (r) => muted(r.reactions) },
    { header: "Risk", cell: (r) => muted(r.criticality) },
    { header: "Kind", cell: (r) => muted(r.category) },
    { header: "Status", cell: (r) => muted(r.status) },
    { header: "Recorded", cell: (r) => muted(r.recorded) },
  ],
  immunizations: [
    { header: "Vaccine", cell: (r) => r.vaccine, main: true },
    { header: "Date", cell: (r) => muted(r.date) },
    { header: "Status", cell: (r) => r.status },
  ],
  labs: observations,
  vitals: observations,
  observations,
  procedures: [
    { header: "Procedure", cell: (r) => r.name, main: true },
    { header: "Date", cell: (r) => muted(r.date) },
    { header: "Status", cell: (r) => muted(r.status) },
  ],
  encounters: [
    { header: "Visit", cell: (r) => r.type, main: true },
    { header: "Setting", cell: (r) => muted(r.setting) },
    { header: "Date", cell: (r) => muted(r.date) },
    { header: "Reason", cell: (r) => muted(r.reason) },
    { header: "Where", cell: (r) => muted(r.place) },
  ],
  documents: [
    { header: "Title", cell: (r) => r.title, main: true },
    { header: "Kind", cell: (r) => muted(r.kind) },
    { header: "Date", cell: (r) => muted(r.date) },
    { header: "Format", cell: (r) => muted(r.format) },
  ],
};
