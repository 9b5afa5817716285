/**
 * A participant's record, formatted for study staff: the stored resources of one connection
 * sorted into sections (conditions, medications, allergies, immunizations, lab results, vital
 * signs, other observations, procedures, encounters, documents), each row made by the section's
 * pure formatter, newest first. Resources the EHR marks "entered in error" are counted, not shown.
 */
import { allergySortDate, formatAllergy, type AllergyRow } from "./allergies";
import { isEnteredInError, type RecordFormatOptions, type StoredResource } from "./common";
import { conditionSortDate, formatCondition, type ConditionRow } from "./conditions";
import { documentSortDate, formatDocument, type DocumentRow } from "./documents";
import { encounterSortDate, formatEncounter, type EncounterRow } from "./encounters";
import { formatImmunization, immunizationSortDate, type ImmunizationRow } from "./immunizations";
import { formatMedication, MEDICATION_TYPES, medicationSortDate, type MedicationFormatOptions, type MedicationRow } from "./medications";
import { formatObservation, observationKind, observationSortDate, type ObservationRow } from "./observations";
import { formatProcedure, procedureSortDate, type ProcedureRow } from "./procedures";

export type { StoredResource, RecordFormatOptions } from "./common";

export type RecordRows = {
  conditions: ConditionRow;
  medications: MedicationRow;
  allergies: AllergyRow;
  immunizations: ImmunizationRow;
  labs: ObservationRow;
  vitals: ObservationRow;
  observations: ObservationRow;
  procedures: ProcedureRow;
  encounters: EncounterRow;
  documents: DocumentRow;
};
export type RecordSectionKey = keyof RecordRows;

/** The sections in page order, with the headings staff see. */
export const RECORD_SECTIONS: readonly { key: RecordSectionKey; title: string }[] = [
  { key: "conditions", title: "Conditions" },
  { key: "medications", title: "Medications" },
  { key: "allergies", title: "Allergies" },
  { key: "immunizations", title: "Immunizations" },
  { key: "labs", title: "Lab results" },
  { key: "vitals", title: "Vital signs" },
  { key: "observations", title: "Other observations" },
  { key: "procedures", title: "Procedures" },
  { key: "encounters", title: "Encounters" },
  { key: "documents", title: "Documents" },
];

export type RecordSection<K extends RecordSectionKey = RecordSectionKey> = {
  key: K;
  title: string;
  /** Newest first, at most `limit` of them. */
  rows: RecordRows[K][];
  /** Rows in the section (shown or not), not counting those entered in error. */
  total: number;
  /** Rows the EHR marked entered in error (left out). */
  enteredInError: number;
};

export type FormattedRecord = { [K in RecordSectionKey]: RecordSection<K> } & {
  /** Resources of types no section shows (Coverage, Practitioner, …), by type. */
  otherTypes: Record<string, number>;
};

export interface FormatRecordOptions extends RecordFormatOptions {
  /** Most rows per section (newest kept). Default 20 (RECORD_SECTION_LIMIT); `Infinity` for all. */
  limit?: number;
  /** Sections shown in full whatever the limit ("Show all"). */
  unlimited?: readonly RecordSectionKey[];
}

/** Rows a section shows before "Show all": a screenful of the newest, whatever the record's size. */
export const RECORD_SECTION_LIMIT = 20;

/** A resource placed in its section and dated, not yet formatted. */
type Placed = { key: RecordSectionKey; sortDate: string; resource: StoredResource };

type Kind = { sortDate: (json: unknown) => string; format: (json: unknown, rowId: string, options: MedicationFormatOptions) => RecordRows[RecordSectionKey] };
const KINDS: Readonly<Record<string, Kind & { key: RecordSectionKey }>> = {
  Condition: { key: "conditions", sortDate: conditionSortDate, format: formatCondition },
  AllergyIntolerance: { key: "allergies", sortDate: allergySortDate, format: formatAllergy },
  Immunization: { key: "immunizations", sortDate: immunizationSortDate, format: formatImmunization },
  Procedure: { key: "procedures", sortDate: procedureSortDate, format: formatProcedure },
  Encounter: { key: "encounters", sortDate: encounterSortDate, format: formatEncounter },
  DocumentReference: { key: "documents", sortDate: documentSortDate, format: formatDocument },
  Observation: { key: "observations", sortDate: observationSortDate, format: formatObservation },
  ...Object.fromEntries(MEDICATION_TYPES.map((t) => [t, { key: "medications" as const, sortDate: medicationSortDate, format: formatMedication }])),
};

/**
 * Formats a connection's stored resources into the record's sections. Every resource is placed
 * and dated (cheap); only the rows a section shows are formatted, so a record of thousands of
 * lab results costs about as much as its newest few.
 */
export function formatRecord(resources: readonly StoredResource[], options: FormatRecordOptions = {}): FormattedRecord {
  const medications = new Map<string, unknown>();
  for (const r of resources) if (r.resourceType === "Medication") medications.set(`Medication/${fhirIdText(r.json)}`, r.json);
  const placed = Object.fromEntries(RECORD_SECTIONS.map(({ key }) => [key, [] as Placed[]])) as Record<RecordSectionKey, Placed[]>;
  const errors = Object.fromEntries(RECORD_SECTIONS.map(({ key }) => [key, 0])) as Record<RecordSectionKey, number>;
  const otherTypes: Record<string, number> = {};
  for (const resource of resources) {
    const kind = KINDS[resource.resourceType];
    if (kind === undefined) {
      if (resource.resourceType !== "Patient" && resource.resourceType !== "Medication") otherTypes[resource.resourceType] = (otherTypes[resource.resourceType] ?? 0) + 1;
      continue;
    }
    let key = kind.key;
    if (key === "observations") {
      const k = observationKind(resource.json);
      key = k === "laboratory" ? "labs" : k === "vital-signs" ? "vitals" : "observations";
    }
    if (isEnteredInError(resource.json)) errors[key]++;
    else placed[key].push({ key, sortDate: kind.sortDate(resource.json), resource });
  }
  const out = { otherTypes } as FormattedRecord;
  for (const { key, title } of RECORD_SECTIONS) {
    const all = placed[key].sort((a, b) => (a.sortDate === b.sortDate ? 0 : a.sortDate < b.sortDate ? 1 : -1));
    const max = options.unlimited?.includes(key) ? Infinity : (options.limit ?? RECORD_SECTION_LIMIT);
    const rows = all.slice(0, max).map((p) => KINDS[p.resource.resourceType]!.format(p.resource.json, p.resource.id, { ...options, medications }));
    (out as Record<string, unknown>)[key] = { key, title, rows, total: all.length, enteredInError: errors[key] };
  }
  return out;
}

function fhirIdText(json: unknown): string {
  return typeof json === "object" && json !== null && typeof (json as { id?: unknown }).id === "string" ? (json as { id: string }).id : "";
}

export * from "./allergies";
export * from "./conditions";
export * from "./documents";
export * from "./encounters";
export * from "./immunizations";
export * from "./medications";
export * from "./observations";
export * from "./procedures";
export { quantityText, rangeText, ratioText } from "./quantity";
