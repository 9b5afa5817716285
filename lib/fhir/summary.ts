import { primaryAddress } from "./address";
import { ageFromBirthDate, formatDate, parseFhirDate, type AgeOptions } from "./dates";
import { formatIdentifier, isMedicalRecordNumber } from "./identifiers";
import { patientDisplayName } from "./names";
import { communicationLanguages, formatGender, isDeceased } from "./patient-fields";
import { record, records, text } from "./text";
import type { Identifier, Patient } from "./types";

/** One row of the study staff dashboard (and of its CSV export): plain, bounded strings. */
export interface PatientSummaryRow {
  /** The resource id as sent by the EHR, when valid. */
  id: string | undefined;
  /** The display name, or "Name not given". */
  name: string;
  /** "Male", "Female", "Other", "Unknown", an unexpected code as sent, or "" when not recorded. */
  gender: string;
  /** The birth date exactly as the EHR wrote it (YYYY, YYYY-MM or YYYY-MM-DD), when valid. */
  birthDate: string | undefined;
  /** The birth date for people, e.g. "December 23, 1925"; "" when unknown. */
  birthDateText: string;
  /** Age in whole years on `now`, or at death for someone who died (see {@link patientAge}). */
  age: number | undefined;
  /** City of the primary address. */
  city: string | undefined;
  /** State of the primary address. */
  state: string | undefined;
  /** The first medical record number, when there is one. */
  medicalRecordNumber: string | undefined;
  /** The preferred (else first) communication language. */
  language: string | undefined;
  /** `true`/`false` when recorded; `undefined` when the record does not say. */
  deceased: boolean | undefined;
}

/**
 * A patient's age in whole years: for someone the record says died, their age on the day of death
 * (`atDeath`), never counted on to today; undefined when the birth date is unusable, or when they
 * died on a date the record does not give.
 */
export function patientAge(patient: Patient | null | undefined, now: Date, options: AgeOptions = {}): { age: number | undefined; atDeath: boolean } {
  const p = record(patient);
  if (isDeceased(patient) !== true) return { age: ageFromBirthDate(p?.birthDate, now, options), atDeath: false };
  const died = parseFhirDate(p?.deceasedDateTime);
  if (died === undefined) return { age: undefined, atDeath: true };
  const deathDay = new Date(Date.UTC(2000, (died.month ?? 1) - 1, died.day ?? 1));
  deathDay.setUTCFullYear(died.year);
  return { age: ageFromBirthDate(p?.birthDate, deathDay), atDeath: true };
}

/** The fields a stored snapshot copies out for sorting, filtering and searching (see {@link PatientSummaryRow}). */
export type PatientIndexFields = Pick<PatientSummaryRow, "name" | "gender" | "birthDate" | "city" | "state">;

/**
 * The snapshot's index fields alone: what the sync worker stores for every Patient it reads,
 * without the summary's dates for people, age, identifiers and languages.
 */
export function patientIndexFields(patient: Patient | null | undefined): PatientIndexFields {
  const p = record(patient);
  const address = record(primaryAddress(patient));
  return {
    name: patientDisplayName(patient),
    gender: formatGender(p?.gender),
    birthDate: parseFhirDate(p?.birthDate) === undefined ? undefined : text(p?.birthDate, 64),
    city: text(address?.city),
    state: text(address?.state),
  };
}

/**
 * A small plain object describing the patient for the dashboard table and CSV export.
 * Values are plain text; whoever writes CSV must still neutralise spreadsheet formulas
 * (cells starting with "=", "+", "-", "@").
 */
export function summarizePatient(patient: Patient | null | undefined, now: Date, options: AgeOptions = {}): PatientSummaryRow {
  const p = record(patient);
  const { name, gender, birthDate, city, state } = patientIndexFields(patient);
  const mrn = records(p?.identifier).find((i) => isMedicalRecordNumber(i as Identifier));
  const mrnValue = mrn === undefined ? "" : formatIdentifier(mrn as Identifier).value;
  return {
    id: text(p?.id, 64),
    name,
    gender,
    birthDate,
    birthDateText: formatDate(birthDate),
    age: patientAge(patient, now, options).age,
    city,
    state,
    medicalRecordNumber: mrnValue === "" ? undefined : mrnValue,
    language: communicationLanguages(patient)[0]?.language,
    deceased: isDeceased(patient),
  };
}
