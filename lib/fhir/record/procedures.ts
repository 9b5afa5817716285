/**
 * Procedures in DSTU2 or R4: what was done, when (`performedDateTime` or `performedPeriod` in
 * both; R4 adds `performedString`), and the status (DSTU2 `notPerformed`; R4 status not-done).
 */
import { record, text } from "../text";
import { conceptText, fhirIdOf, firstDate, sortDateOf, statusCode, statusText, type RecordFormatOptions, type RecordRowBase } from "./common";

export interface ProcedureRow extends RecordRowBase {
  name: string;
  date: string;
  /** "Done", "Not done", "In progress", … */
  status: string;
  enteredInError: boolean;
}

const STATUS: Readonly<Record<string, string>> = {
  completed: "Done",
  "in-progress": "In progress",
  preparation: "Planned",
  "on-hold": "On hold",
  stopped: "Stopped",
  aborted: "Stopped",
  "not-done": "Not done",
  "entered-in-error": "Entered in error",
  unknown: "",
};

const DATES = ["performedDateTime", "performedPeriod"] as const;

export const procedureSortDate = (resource: unknown) => sortDateOf(resource, DATES);

/** One Procedure as a row of the record page. */
export function formatProcedure(resource: unknown, rowId: string, options: RecordFormatOptions = {}): ProcedureRow {
  const r = record(resource);
  const date = firstDate(r, DATES, options);
  return {
    rowId,
    fhirId: fhirIdOf(r),
    sortDate: date.sort,
    name: conceptText(r?.code) || "Unnamed procedure",
    date: date.text || (text(r?.performedString) ?? ""),
    status: r?.notPerformed === true ? "Not done" : statusText(STATUS, r?.status),
    enteredInError: statusCode(r?.status) === "entered-in-error",
  };
}
