import { joinParts, record, records, text } from "./text";
import { V2_0203_DSTU2, V2_0203_R4, type Identifier } from "./types";

/** A formatted identifier, ready to show as "label: value". */
export interface FormattedIdentifier {
  /** What kind of identifier this is, e.g. "Medical record number"; "Identifier" when unknown. */
  label: string;
  /** The identifier value; "" when missing. */
  value: string;
  /** The namespace (a URI), when given. */
  system?: string;
  /** "Medical record number: 1288992" (or just the label when there is no value). */
  text: string;
}

/** Label used when nothing says what kind of identifier this is. */
export const UNKNOWN_IDENTIFIER_LABEL = "Identifier";

/** Common v2-0203 identifier type codes (the same codes in DSTU2 and R4). */
export const V2_0203_LABELS: Readonly<Record<string, string>> = {
  MR: "Medical record number",
  MRT: "Temporary medical record number",
  PI: "Patient internal identifier",
  PT: "Patient external identifier",
  SS: "Social Security number",
  DL: "Driver's license number",
  PPN: "Passport number",
  MA: "Medicaid number",
  MC: "Medicare number",
  MB: "Member number",
  SN: "Subscriber number",
  NI: "National unique individual identifier",
  NH: "National health plan identifier",
  AN: "Account number",
  TAX: "Tax ID number",
  U: "Unspecified identifier",
  ANON: "Anonymous identifier",
};

/** Identifier systems that say what they are even without a `type`. */
const KNOWN_SYSTEM_LABELS: Readonly<Record<string, string>> = {
  "http://hl7.org/fhir/sid/us-ssn": "Social Security number",
  "http://hl7.org/fhir/sid/us-medicare": "Medicare number",
  "http://hl7.org/fhir/sid/us-npi": "National provider identifier",
};

const V2_0203_SYSTEMS = new Set([V2_0203_DSTU2, V2_0203_R4]);

/**
 * What kind of identifier this is, from (in order) `type.text`, the first coding `display`,
 * a known v2-0203 code in either the DSTU2 or the R4 code system, a well-known identifier
 * system (US SSN, Medicare, NPI); `undefined` when none of these says.
 */
export function identifierTypeLabel(identifier: Identifier | null | undefined): string | undefined {
  const id = record(identifier);
  const type = record(id?.type);
  const codings = records(type?.coding);
  const fromText = text(type?.text);
  if (fromText !== undefined) {
    return fromText;
  }
  for (const coding of codings) {
    const display = text(coding.display);
    if (display !== undefined) {
      return display;
    }
  }
  for (const coding of codings) {
    const code = text(coding.code, 16);
    if (typeof coding.system === "string" && V2_0203_SYSTEMS.has(coding.system) && code !== undefined) {
      if (Object.hasOwn(V2_0203_LABELS, code)) {
        return V2_0203_LABELS[code];
      }
    }
  }
  const system = text(id?.system);
  return system !== undefined && Object.hasOwn(KNOWN_SYSTEM_LABELS, system) ? KNOWN_SYSTEM_LABELS[system] : undefined;
}

/**
 * Formats a FHIR Identifier, e.g. the walkthrough's MR identifier →
 * `{ label: "Medical record number", value: "1288992", system: "http://hospital.smarthealthit.org",
 *    text: "Medical record number: 1288992" }`.
 */
export function formatIdentifier(identifier: Identifier | null | undefined): FormattedIdentifier {
  const id = record(identifier);
  const label = identifierTypeLabel(identifier) ?? UNKNOWN_IDENTIFIER_LABEL;
  const value = text(id?.value) ?? "";
  const system = text(id?.system);
  const formatted: FormattedIdentifier = { label, value, text: joinParts([label, value], ": ") };
  if (system !== undefined) {
    formatted.system = system;
  }
  return formatted;
}

/** True when the identifier is typed MR (in either code system). */
export function isMedicalRecordNumber(identifier: Identifier | null | undefined): boolean {
  const type = record(record(identifier)?.type);
  return records(type?.coding).some(
    (c) => c.code === "MR" && typeof c.system === "string" && V2_0203_SYSTEMS.has(c.system),
  );
}

/**
 * The formatted identifiers of a list that have a value (an identifier without a value
 * tells study staff nothing).
 */
export function formatIdentifiers(identifiers: unknown): FormattedIdentifier[] {
  return records(identifiers)
    .map((i) => formatIdentifier(i as Identifier))
    .filter((i) => i.value !== "");
}
