/**
 * Medications in DSTU2 or R4: prescriptions (DSTU2 MedicationOrder, R4 MedicationRequest), what
 * the person reports taking (MedicationStatement), dispensings and administrations. The medicine
 * is a CodeableConcept or a reference to a Medication resource (stored beside the record, or
 * contained in the resource), resolved through `options.medications`.
 */
import { joinParts, record, records, text } from "../text";
import { conceptText, dosageText, fhirIdOf, firstDate, referenceText, sortDateOf, statusCode, statusText, type RecordFormatOptions, type RecordRowBase } from "./common";

export interface MedicationRow extends RecordRowBase {
  medicine: string;
  /** "Prescribed", "Reported taking", "Dispensed", "Given". */
  kind: string;
  /** Dosage instructions as written. */
  dosage: string;
  date: string;
  /** "Active", "Completed", "Stopped", … */
  status: string;
  enteredInError: boolean;
}

export interface MedicationFormatOptions extends RecordFormatOptions {
  /** Medication resources by reference ("Medication/123"), for `medicationReference`. */
  medications?: ReadonlyMap<string, unknown>;
}

const KIND: Readonly<Record<string, string>> = {
  MedicationOrder: "Prescribed",
  MedicationRequest: "Prescribed",
  MedicationStatement: "Reported taking",
  MedicationDispense: "Dispensed",
  MedicationAdministration: "Given",
};

/** The resource types this formatter reads. */
export const MEDICATION_TYPES = Object.keys(KIND);

const STATUS: Readonly<Record<string, string>> = {
  active: "Active",
  "on-hold": "On hold",
  completed: "Completed",
  stopped: "Stopped",
  cancelled: "Cancelled",
  draft: "Draft",
  intended: "Intended",
  "not-taken": "Not taken",
  "in-progress": "In progress",
  preparation: "Being prepared",
  declined: "Declined",
  "entered-in-error": "Entered in error",
  unknown: "",
};

/** The medicine's name: the concept, else the referenced (or contained) Medication's code, else the reference's display. */
export function medicineName(resource: unknown, medications?: ReadonlyMap<string, unknown>): string {
  const r = record(resource);
  const own = conceptText(r?.medicationCodeableConcept);
  if (own !== "") return own;
  const ref = record(r?.medicationReference);
  const target = text(ref?.reference, 256);
  if (target !== undefined) {
    const found = target.startsWith("#")
      ? records(r?.contained).find((c) => c.id === target.slice(1))
      : record(medications?.get(target) ?? medications?.get(target.replace(/^.*\/(Medication\/[^/]+)$/, "$1")));
    const name = conceptText(found?.code);
    if (name !== "") return name;
  }
  return referenceText(ref);
}

const DATES = ["authoredOn", "dateWritten", "effectiveDateTime", "effectivePeriod", "dateAsserted", "whenHandedOver", "effectiveTimeDateTime", "effectiveTimePeriod"] as const;

export const medicationSortDate = (resource: unknown) => sortDateOf(resource, DATES);

/** One medication resource (any of MEDICATION_TYPES) as a row of the record page. */
export function formatMedication(resource: unknown, rowId: string, options: MedicationFormatOptions = {}): MedicationRow {
  const r = record(resource);
  const type = typeof r?.resourceType === "string" ? r.resourceType : "";
  const date = firstDate(r, DATES, options);
  const code = statusCode(r?.status);
  return {
    rowId,
    fhirId: fhirIdOf(r),
    sortDate: date.sort,
    medicine: medicineName(r, options.medications) || "Unnamed medicine",
    kind: KIND[type] ?? "Medicine",
    dosage: joinParts([dosageText(r?.dosageInstruction), dosageText(r?.dosage), text(record(r?.dosage)?.text)], "; "),
    date: date.text,
    status: r?.wasNotTaken === true ? "Not taken" : statusText(STATUS, r?.status),
    enteredInError: code === "entered-in-error",
  };
}
