/**
 * Observations (labs, vital signs, other) in DSTU2 or R4: what was measured, the value with its
 * unit, the date, the reference range, and whether it is abnormal.
 *
 * DSTU2 and R4 differ here: `category` is one CodeableConcept in DSTU2 and a list in R4
 * (code system `http://hl7.org/fhir/observation-category` vs
 * `http://terminology.hl7.org/CodeSystem/observation-category`, same codes); `interpretation`
 * is one CodeableConcept in DSTU2 and a list in R4 (v2-0078 codes H, L, HH, LL, A, … in both).
 */
import { joinParts, record, records, text } from "../text";
import { codings, conceptText, dateText, fhirIdOf, firstConceptText, firstDate, periodText, sortDateOf, type RecordFormatOptions, type RecordRowBase, statusCode, statusText } from "./common";
import { quantityText, quantityUnit, quantityValue, rangeText, ratioText } from "./quantity";

export type ObservationKind = "laboratory" | "vital-signs" | "other";

/** How far outside normal a result is: from the EHR's interpretation, else from the reference range. */
export type AbnormalFlag = "high" | "low" | "critical-high" | "critical-low" | "abnormal";

export interface ObservationRow extends RecordRowBase {
  kind: ObservationKind;
  /** What was measured, e.g. "Hemoglobin A1c/Hemoglobin.total in Blood". */
  name: string;
  /** "7.2 %", "120/80 mmHg", "Negative", or "" when the EHR sent no value. */
  value: string;
  /** When: the effective date (or period), else the date issued. */
  date: string;
  /** "4–5.6 %", "< 200 mg/dL", the range's text, or "". */
  referenceRange: string;
  flag: AbnormalFlag | undefined;
  /** "High", "Critically low", "Abnormal", or "". */
  flagText: string;
  /** "Final", "Preliminary", "Entered in error", … */
  status: string;
  enteredInError: boolean;
}

const STATUS: Readonly<Record<string, string>> = {
  registered: "Registered",
  preliminary: "Preliminary",
  final: "Final",
  amended: "Amended",
  corrected: "Corrected",
  cancelled: "Cancelled",
  "entered-in-error": "Entered in error",
  unknown: "Unknown",
};

export const FLAG_TEXT: Readonly<Record<AbnormalFlag, string>> = {
  high: "High",
  low: "Low",
  "critical-high": "Critically high",
  "critical-low": "Critically low",
  abnormal: "Abnormal",
};

const INTERPRETATION: Readonly<Record<string, AbnormalFlag>> = {
  h: "high",
  hu: "high",
  ">": "high",
  hh: "critical-high",
  l: "low",
  lu: "low",
  "<": "low",
  ll: "critical-low",
  a: "abnormal",
  aa: "abnormal",
  abn: "abnormal",
  pos: "abnormal",
  det: "abnormal",
  r: "abnormal",
};

/** Which section an Observation belongs in, from its category (either version's shape). */
export function observationKind(resource: unknown): ObservationKind {
  const codes = codings(record(resource)?.category).map((c) => c.code);
  if (codes.includes("laboratory")) return "laboratory";
  if (codes.includes("vital-signs")) return "vital-signs";
  return "other";
}

/** The value of an Observation (value[x], or its components as "120/80 mmHg"). */
export function observationValue(resource: unknown): string {
  const r = record(resource);
  const own = valueText(r);
  if (own !== "") return own;
  const components = records(r?.component);
  if (components.length === 0) {
    const absent = conceptText(r?.dataAbsentReason);
    return absent === "" ? "" : `Not available (${absent})`;
  }
  const units = components.map((c) => quantityUnit(c.valueQuantity));
  const numbers = components.map((c) => quantityValue(c.valueQuantity));
  if (components.length === 2 && numbers.every((n) => n !== undefined) && units[0] === units[1]) {
    return joinParts([`${numbers[0]}/${numbers[1]}`, units[0]], " "); // blood pressure
  }
  return joinParts(components.map((c) => joinParts([conceptText(c.code), valueText(c)], " ")), ", ");
}

function valueText(r: Record<string, unknown> | undefined): string {
  if (r === undefined) return "";
  if (r.valueQuantity !== undefined) return quantityText(r.valueQuantity);
  if (r.valueCodeableConcept !== undefined) return conceptText(r.valueCodeableConcept);
  if (typeof r.valueString === "string") return text(r.valueString) ?? "";
  if (typeof r.valueBoolean === "boolean") return r.valueBoolean ? "Yes" : "No";
  if (typeof r.valueInteger === "number" && Number.isFinite(r.valueInteger)) return String(r.valueInteger);
  if (r.valueRange !== undefined) return rangeText(r.valueRange);
  if (r.valueRatio !== undefined) return ratioText(r.valueRatio);
  if (r.valuePeriod !== undefined) return periodText(r.valuePeriod);
  if (typeof r.valueDateTime === "string") return dateText(r.valueDateTime);
  if (typeof r.valueTime === "string") return text(r.valueTime, 16) ?? "";
  return "";
}

/** The reference ranges as text ("4–5.6 %"; several joined by "; "). */
export function referenceRangeText(resource: unknown): string {
  return joinParts(
    records(record(resource)?.referenceRange).map((range) => {
      const low = quantityValue(range.low);
      const high = quantityValue(range.high);
      const numeric = low !== undefined || high !== undefined ? rangeText({ low: range.low, high: range.high }) : "";
      return numeric !== "" ? numeric : text(range.text);
    }),
    "; ",
  );
}

/**
 * Whether the result is abnormal: the EHR's interpretation when it gives one (H, L, HH, LL, A, …,
 * or a text such as "High"), else the value compared with the first reference range in the same
 * unit. A result marked normal ("N") is never flagged.
 */
export function abnormalFlag(resource: unknown): AbnormalFlag | undefined {
  const r = record(resource);
  const interpretation = codings(r?.interpretation).map((c) => c.code);
  if (interpretation.includes("n")) return undefined;
  for (const code of interpretation) if (Object.hasOwn(INTERPRETATION, code)) return INTERPRETATION[code];
  const said = firstConceptText(r?.interpretation).toLowerCase();
  if (/critical(ly)? high/.test(said)) return "critical-high";
  if (/critical(ly)? low/.test(said)) return "critical-low";
  if (/\bhigh\b/.test(said)) return "high";
  if (/\blow\b/.test(said)) return "low";
  if (/abnormal/.test(said)) return "abnormal";
  const value = quantityValue(r?.valueQuantity);
  const range = records(r?.referenceRange)[0];
  if (value === undefined || range === undefined) return undefined;
  const unit = quantityUnit(r?.valueQuantity);
  const low = quantityUnit(range.low) === unit || quantityUnit(range.low) === "" ? quantityValue(range.low) : undefined;
  const high = quantityUnit(range.high) === unit || quantityUnit(range.high) === "" ? quantityValue(range.high) : undefined;
  if (high !== undefined && value > high) return "high";
  if (low !== undefined && value < low) return "low";
  return undefined;
}

const DATES = ["effectiveDateTime", "effectivePeriod", "effectiveInstant", "issued"] as const;

export const observationSortDate = (resource: unknown) => sortDateOf(resource, DATES);

/** One Observation as a row of the record page. */
export function formatObservation(resource: unknown, rowId: string, options: RecordFormatOptions = {}): ObservationRow {
  const r = record(resource);
  const date = firstDate(r, DATES, options);
  const flag = abnormalFlag(r);
  return {
    rowId,
    fhirId: fhirIdOf(r),
    sortDate: date.sort,
    kind: observationKind(r),
    name: conceptText(r?.code) || "Unnamed observation",
    value: observationValue(r),
    date: date.text,
    referenceRange: referenceRangeText(r),
    flag,
    flagText: flag ? FLAG_TEXT[flag] : "",
    status: statusText(STATUS, r?.status),
    enteredInError: statusCode(r?.status) === "entered-in-error",
  };
}
