/**
 * Encounters (visits and stays) in DSTU2 or R4. `class` is a code in DSTU2 (inpatient,
 * outpatient, ambulatory, emergency, …) and a v3 ActCode Coding in R4 (IMP, AMB, EMER, VR, …);
 * the reason is `reason` in DSTU2 and `reasonCode` in R4.
 */
import { joinParts, record, records, text } from "../text";
import { conceptText, fhirIdOf, firstConceptText, periodText, referenceText, sortDateOf, statusCode, statusText, type RecordFormatOptions, type RecordRowBase } from "./common";

export interface EncounterRow extends RecordRowBase {
  /** "Office visit", "Emergency", … (the type, else the class). */
  type: string;
  /** "Outpatient", "Inpatient", "Emergency", "Virtual", … */
  setting: string;
  /** "Mar 3, 2024" or "Mar 3, 2024 – Mar 5, 2024". */
  date: string;
  reason: string;
  /** Where: the first location, else the service provider. */
  place: string;
  /** "Finished", "In progress", "Cancelled", … */
  status: string;
  enteredInError: boolean;
}

const SETTING: Readonly<Record<string, string>> = {
  inpatient: "Inpatient",
  imp: "Inpatient",
  acute: "Inpatient",
  nonac: "Inpatient",
  outpatient: "Outpatient",
  ambulatory: "Outpatient",
  amb: "Outpatient",
  emergency: "Emergency",
  emer: "Emergency",
  home: "Home",
  hh: "Home",
  field: "Field",
  fld: "Field",
  daytime: "Day stay",
  ss: "Day stay",
  virtual: "Virtual",
  vr: "Virtual",
  obsenc: "Observation",
  prenc: "Pre-admission",
  other: "Other",
};

const STATUS: Readonly<Record<string, string>> = {
  planned: "Planned",
  arrived: "Arrived",
  triaged: "Triaged",
  "in-progress": "In progress",
  onleave: "On leave",
  finished: "Finished",
  cancelled: "Cancelled",
  "entered-in-error": "Entered in error",
  unknown: "",
};

export const encounterSortDate = (resource: unknown) => sortDateOf(resource, ["period"]);

/** One Encounter as a row of the record page. */
export function formatEncounter(resource: unknown, rowId: string, options: RecordFormatOptions = {}): EncounterRow {
  const r = record(resource);
  const klass = r?.class;
  const classCode = typeof klass === "string" ? text(klass, 64) : text(record(klass)?.code, 64);
  const classDisplay = typeof klass === "string" ? undefined : text(record(klass)?.display);
  const setting = classCode === undefined ? (classDisplay ?? "") : (SETTING[classCode.toLowerCase()] ?? classDisplay ?? classCode);
  const period = record(r?.period);
  const location = records(r?.location).map((l) => referenceText(l.location)).find((t) => t !== "");
  return {
    rowId,
    fhirId: fhirIdOf(r),
    sortDate: encounterSortDate(r),
    type: firstConceptText(r?.type) || conceptText(r?.serviceType) || setting || "Visit",
    setting,
    date: periodText(period, options),
    reason: joinParts([...records(r?.reasonCode), ...records(r?.reason)].map((c) => conceptText(c)), ", "),
    place: location ?? referenceText(r?.serviceProvider),
    status: statusText(STATUS, r?.status),
    enteredInError: statusCode(r?.status) === "entered-in-error",
  };
}
