/**
 * Allergies and intolerances in DSTU2 or R4. DSTU2: `substance`, one `status` code, criticality
 * CRITL/CRITH/CRITU, one `category`. R4: `code`, `clinicalStatus` and `verificationStatus`
 * CodeableConcepts, criticality low/high/unable-to-assess, a list of categories.
 */
import { joinParts, record, records } from "../text";
import { codeList, conceptText, fhirIdOf, firstDate, sortDateOf, statusCode, statusText, type RecordFormatOptions, type RecordRowBase } from "./common";

export interface AllergyRow extends RecordRowBase {
  /** What the person reacts to. */
  substance: string;
  /** "Food", "Medication", … joined. */
  category: string;
  /** The reactions ("Hives, Wheezing"), with severity when given. */
  reactions: string;
  /** "High risk", "Low risk", "Risk not assessed", or "". */
  criticality: string;
  /** "Active", "Inactive", "Resolved", "Refuted", … */
  status: string;
  recorded: string;
  enteredInError: boolean;
}

const CRITICALITY: Readonly<Record<string, string>> = {
  low: "Low risk",
  high: "High risk",
  "unable-to-assess": "Risk not assessed",
  critl: "Low risk",
  crith: "High risk",
  critu: "Risk not assessed",
};

const STATUS: Readonly<Record<string, string>> = {
  active: "Active",
  inactive: "Inactive",
  resolved: "Resolved",
  confirmed: "Active",
  unconfirmed: "Unconfirmed",
  refuted: "Refuted",
  "entered-in-error": "Entered in error",
};

const CATEGORY: Readonly<Record<string, string>> = { food: "Food", medication: "Medication", environment: "Environment", biologic: "Biologic", other: "Other" };
const SEVERITY: Readonly<Record<string, string>> = { mild: "mild", moderate: "moderate", severe: "severe" };

const DATES = ["recordedDate", "onsetDateTime", "onset", "assertedDate"] as const;

export const allergySortDate = (resource: unknown) => sortDateOf(resource, DATES);

/** One AllergyIntolerance as a row of the record page. */
export function formatAllergy(resource: unknown, rowId: string, options: RecordFormatOptions = {}): AllergyRow {
  const r = record(resource);
  const recorded = firstDate(r, DATES, options);
  const reactions = records(r?.reaction).map((reaction) => {
    const what = joinParts(records(reaction.manifestation).map((m) => conceptText(m)), ", ");
    const severity = statusText(SEVERITY, reaction.severity);
    return severity && what ? `${what} (${severity})` : what;
  });
  const clinical = statusCode(r?.clinicalStatus) || statusCode(r?.status);
  const verification = statusCode(r?.verificationStatus);
  const shownStatus = verification === "refuted" || verification === "entered-in-error" || verification === "unconfirmed" ? r?.verificationStatus : clinical ? clinical : r?.status;
  return {
    rowId,
    fhirId: fhirIdOf(r),
    sortDate: recorded.sort,
    substance: conceptText(r?.code) || conceptText(r?.substance) || "Unnamed allergy",
    category: joinParts(codeList(r?.category).map((c) => CATEGORY[c.toLowerCase()] ?? c), ", "),
    reactions: joinParts(reactions, "; "),
    criticality: statusText(CRITICALITY, r?.criticality),
    status: statusText(STATUS, shownStatus),
    recorded: recorded.text,
    enteredInError: verification === "entered-in-error" || statusCode(r?.status) === "entered-in-error",
  };
}
