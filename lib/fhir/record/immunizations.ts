/**
 * Immunizations in DSTU2 or R4. DSTU2: `date`, `wasNotGiven`, status as a medication
 * administration status. R4: `occurrenceDateTime` (or `occurrenceString`), status
 * completed / not-done / entered-in-error.
 */
import { record, text } from "../text";
import { conceptText, fhirIdOf, firstDate, sortDateOf, statusCode, type RecordFormatOptions, type RecordRowBase } from "./common";

export interface ImmunizationRow extends RecordRowBase {
  vaccine: string;
  date: string;
  /** "Given", "Not given", "Entered in error", … */
  status: string;
  enteredInError: boolean;
}

const DATES = ["occurrenceDateTime", "date"] as const;

export const immunizationSortDate = (resource: unknown) => sortDateOf(resource, DATES);

/** One Immunization as a row of the record page. */
export function formatImmunization(resource: unknown, rowId: string, options: RecordFormatOptions = {}): ImmunizationRow {
  const r = record(resource);
  const date = firstDate(r, DATES, options);
  const code = statusCode(r?.status);
  const notGiven = r?.wasNotGiven === true || code === "not-done";
  const status =
    code === "entered-in-error" ? "Entered in error" : notGiven ? "Not given" : code === "completed" || code === "" ? "Given" : code === "in-progress" ? "In progress" : code;
  return {
    rowId,
    fhirId: fhirIdOf(r),
    sortDate: date.sort,
    vaccine: conceptText(r?.vaccineCode) || "Unnamed vaccine",
    date: date.text || (text(r?.occurrenceString) ?? ""),
    status,
    enteredInError: code === "entered-in-error",
  };
}
