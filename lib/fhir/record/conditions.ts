/**
 * Conditions (problems and diagnoses) in DSTU2 or R4. DSTU2 sends `clinicalStatus` and
 * `verificationStatus` as codes and the recorded date as `dateRecorded`; R4 sends both statuses
 * as CodeableConcepts and `recordedDate`. Onset is a choice in both (dateTime, Period, Age, string).
 */
import { record, text } from "../text";
import { conceptText, fhirIdOf, firstDate, sortDateOf, statusCode, statusText, type RecordFormatOptions, type RecordRowBase } from "./common";
import { quantityText } from "./quantity";

export interface ConditionRow extends RecordRowBase {
  name: string;
  /** "Active", "Resolved", "In remission", … or "" when not said. */
  clinicalStatus: string;
  /** "Provisional", "Refuted", … ("" when confirmed or not said: confirmed is the normal case). */
  verification: string;
  /** "Mar 3, 2019", "at age 45", "Childhood", or "". */
  onset: string;
  /** When it ended, if it did. */
  abated: string;
  /** When it was recorded. */
  recorded: string;
  /** True when the EHR marks it entered in error (shown struck out, or left out). */
  enteredInError: boolean;
}

const CLINICAL: Readonly<Record<string, string>> = {
  active: "Active",
  recurrence: "Recurred",
  relapse: "Relapsed",
  inactive: "Inactive",
  remission: "In remission",
  resolved: "Resolved",
};

const VERIFICATION: Readonly<Record<string, string>> = {
  unconfirmed: "Unconfirmed",
  provisional: "Provisional",
  differential: "Differential",
  confirmed: "",
  refuted: "Refuted",
  "entered-in-error": "Entered in error",
  unknown: "",
};

function onsetText(r: Record<string, unknown> | undefined, options: RecordFormatOptions): { text: string; sort: string } {
  const date = firstDate(r, ONSET, options);
  if (date.text !== "") return date;
  const age = quantityText(r?.onsetAge ?? r?.onsetQuantity);
  if (age !== "") return { text: `at age ${age.replace(/ (a|yr|years?)$/, "")}`, sort: "" };
  return { text: text(r?.onsetString) ?? "", sort: "" };
}

const ONSET = ["onsetDateTime", "onsetPeriod"] as const;
const RECORDED = ["recordedDate", "dateRecorded"] as const;

/** A Condition's date for sorting: when it began, else when it was recorded. */
export const conditionSortDate = (resource: unknown) => sortDateOf(resource, [...ONSET, ...RECORDED]);

/** One Condition as a row of the record page. */
export function formatCondition(resource: unknown, rowId: string, options: RecordFormatOptions = {}): ConditionRow {
  const r = record(resource);
  const onset = onsetText(r, options);
  const recorded = firstDate(r, RECORDED, options);
  const abated = typeof r?.abatementBoolean === "boolean" ? { text: r.abatementBoolean ? "Yes" : "", sort: "" } : firstDate(r, ["abatementDateTime", "abatementPeriod"], options);
  const verification = statusCode(r?.verificationStatus);
  return {
    rowId,
    fhirId: fhirIdOf(r),
    sortDate: onset.sort || recorded.sort,
    name: conceptText(r?.code) || "Unnamed condition",
    clinicalStatus: statusText(CLINICAL, r?.clinicalStatus),
    verification: statusText(VERIFICATION, r?.verificationStatus),
    onset: onset.text,
    abated: abated.text || (text(r?.abatementString) ?? ""),
    recorded: recorded.text,
    enteredInError: verification === "entered-in-error",
  };
}
