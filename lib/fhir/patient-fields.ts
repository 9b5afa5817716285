import { formatDate } from "./dates";
import { codeLabel, joinParts, record, records, text } from "./text";
import type { CodeableConcept, Patient } from "./types";

const GENDER_LABELS: Readonly<Record<string, string>> = {
  male: "Male",
  female: "Female",
  other: "Other",
  unknown: "Unknown",
};

/**
 * Formats administrative gender (same codes in DSTU2 and R4): "male" → "Male".
 * An unexpected code is shown as sent (bounded); a missing or non-string value gives "".
 */
export function formatGender(gender: unknown): string {
  return codeLabel(GENDER_LABELS, gender) ?? "";
}

/** The display name of a BCP 47 language code ("en" → "English"), or `undefined` if unknown. */
function languageName(code: string): string | undefined {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(code);
    return name === undefined || name === "" ? undefined : name;
  } catch {
    return undefined; // not a well-formed language tag
  }
}

/**
 * Formats a CodeableConcept: its `text`, else the first coding `display`, else the first coding
 * `code` (bounded). Returns "" when nothing is usable.
 */
export function formatCodeableConcept(concept: CodeableConcept | null | undefined): string {
  const c = record(concept);
  const codings = records(c?.coding);
  return (
    text(c?.text) ??
    codings.map((coding) => text(coding.display)).find((d) => d !== undefined) ??
    codings.map((coding) => text(coding.code, 64)).find((d) => d !== undefined) ??
    ""
  );
}

/** Formats a communication language: like a CodeableConcept, but a bare code "es" reads "Spanish". */
export function formatLanguage(language: CodeableConcept | null | undefined): string {
  const c = record(language);
  const codings = records(c?.coding);
  const hasWords = text(c?.text) !== undefined || codings.some((coding) => text(coding.display) !== undefined);
  if (!hasWords) {
    for (const coding of codings) {
      const code = text(coding.code, 64);
      const name = code === undefined ? undefined : languageName(code);
      if (name !== undefined) {
        return name;
      }
    }
  }
  return formatCodeableConcept(language);
}

/** One language a patient communicates in. */
export interface CommunicationLanguage {
  language: string;
  preferred: boolean;
}

/** The patient's communication languages, preferred ones first. */
export function communicationLanguages(patient: Patient | null | undefined): CommunicationLanguage[] {
  const out = records(record(patient)?.communication)
    .map((c) => ({ language: formatLanguage(c.language as CodeableConcept), preferred: c.preferred === true }))
    .filter((c) => c.language !== "");
  return [...out.filter((c) => c.preferred), ...out.filter((c) => !c.preferred)];
}

/** "English (preferred), Spanish"; "" when no language is recorded. */
export function formatCommunication(patient: Patient | null | undefined): string {
  return joinParts(
    communicationLanguages(patient).map((c) => (c.preferred ? `${c.language} (preferred)` : c.language)),
    ", ",
  );
}

/**
 * Whether the patient is recorded as deceased: `true` / `false`, or `undefined` when the record
 * does not say (in FHIR, absence does not mean alive).
 */
export function isDeceased(patient: Patient | null | undefined): boolean | undefined {
  const p = record(patient);
  if (typeof p?.deceasedDateTime === "string" && p.deceasedDateTime.trim() !== "") {
    return true;
  }
  return typeof p?.deceasedBoolean === "boolean" ? p.deceasedBoolean : undefined;
}

/**
 * Formats the deceased status (deceasedBoolean / deceasedDateTime, same in DSTU2 and R4):
 * "No", "Yes", "Yes, December 1, 2020"; "" when not recorded.
 */
export function formatDeceased(patient: Patient | null | undefined, options: { locale?: string } = {}): string {
  const deceased = isDeceased(patient);
  if (deceased === undefined) {
    return "";
  }
  if (!deceased) {
    return "No";
  }
  const date = formatDate(record(patient)?.deceasedDateTime, options);
  return date === "" ? "Yes" : `Yes, ${date}`;
}

/**
 * The organization that is the custodian of the patient record: the reference's `display`,
 * else the reference itself ("Organization/123"); "" when absent.
 */
export function formatManagingOrganization(patient: Patient | null | undefined): string {
  const org = record(record(patient)?.managingOrganization);
  return text(org?.display) ?? text(org?.reference) ?? "";
}
