/**
 * A participant's record, formatted for study staff: the stored resources of one connection
 * sorted into sections (conditions, medications, allergies, immunizations, lab results, vital
 * signs, other observations, procedures, encounters, documents), each row made by the section's
 * pure formatter, newest first. Rows the EHR marks "entered in error" are counted, not shown.
 */
import { formatAllergy, type AllergyRow } from "./allergies";
import type { RecordFormatOptions, RecordRowBase, StoredResource } from "./common";
import { formatCondition, type ConditionRow } from "./conditions";
import { formatDocument, type DocumentRow } from "./documents";
import { formatEncounter, type EncounterRow } from "./encounters";
import { formatImmunization, type ImmunizationRow } from "./immunizations";
import { formatMedication, MEDICATION_TYPES, type MedicationRow } from "./medications";
import { formatObservation, type ObservationRow } from "./observations";
import { formatProcedure, type ProcedureRow } from "./procedures";

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
  /** Most rows per section (newest kept). Default 50; `Infinity` for all. */
  limit?: number;
  /** Sections shown in full whatever the limit ("Show all"). */
  unlimited?: readonly RecordSectionKey[];
}

const byNewest = (a: RecordRowBase, b: RecordRowBase) => (a.sortDate === b.sortDate ? 0 : a.sortDate < b.sortDate ? 1 : -1);

/** Formats a connection's stored resources into the record's sections. */
export function formatRecord(resources: readonly StoredResource[], options: FormatRecordOptions = {}): FormattedRecord {
  const medications = new Map<string, unknown>();
  for (const r of resources) if (r.resourceType === "Medication") medications.set(`Medication/${fhirIdText(r.json)}`, r.json);
  const rows: { [K in RecordSectionKey]: RecordRows[K][] } = {
    conditions: [], medications: [], allergies: [], immunizations: [], labs: [], vitals: [], observations: [], procedures: [], encounters: [], documents: [],
  };
  const otherTypes: Record<string, number> = {};
  for (const r of resources) {
    switch (r.resourceType) {
      case "Condition": rows.conditions.push(formatCondition(r.json, r.id, options)); break;
      case "AllergyIntolerance": rows.allergies.push(formatAllergy(r.json, r.id, options)); break;
      case "Immunization": rows.immunizations.push(formatImmunization(r.json, r.id, options)); break;
      case "Procedure": rows.procedures.push(formatProcedure(r.json, r.id, options)); break;
      case "Encounter": rows.encounters.push(formatEncounter(r.json, r.id, options)); break;
      case "DocumentReference": rows.documents.push(formatDocument(r.json, r.id, options)); break;
      case "Observation": {
        const row = formatObservation(r.json, r.id, options);
        (row.kind === "laboratory" ? rows.labs : row.kind === "vital-signs" ? rows.vitals : rows.observations).push(row);
        break;
      }
      case "Patient": case "Medication": break;
      default:
        if (MEDICATION_TYPES.includes(r.resourceType)) rows.medications.push(formatMedication(r.json, r.id, { ...options, medications }));
        else otherTypes[r.resourceType] = (otherTypes[r.resourceType] ?? 0) + 1;
    }
  }
  const limit = options.limit ?? 50;
  const section = <K extends RecordSectionKey>(key: K, title: string): RecordSection<K> => {
    const all = rows[key] as (RecordRows[K] & { enteredInError: boolean })[];
    const kept = all.filter((row) => !row.enteredInError).sort(byNewest);
    const max = options.unlimited?.includes(key) ? Infinity : limit;
    return { key, title, rows: kept.slice(0, max), total: kept.length, enteredInError: all.length - kept.length };
  };
  const out = { otherTypes } as FormattedRecord;
  for (const { key, title } of RECORD_SECTIONS) (out as Record<string, unknown>)[key] = section(key, title);
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
