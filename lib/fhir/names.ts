import { clip, codeLabel, joinParts, record, records, text, texts } from "./text";
import type { HumanName, Patient } from "./types";

/** Options for {@link formatHumanName}. */
export interface HumanNameFormatOptions {
  /** Append the name's use, e.g. "Daniel Adams (official)". Default false. */
  use?: boolean;
  /** Include prefixes ("Dr."). Default true. */
  prefix?: boolean;
  /** Include suffixes ("Jr."). Default true. */
  suffix?: boolean;
  /** Everything: prefixes, suffixes and use, whatever the other options say. */
  all?: boolean;
}

/** Text shown when a patient has no usable name. */
export const NAME_NOT_GIVEN = "Name not given";

const NAME_USE_LABELS: Readonly<Record<string, string>> = {
  usual: "usual",
  official: "official",
  temp: "temporary",
  nickname: "nickname",
  anonymous: "anonymous",
  old: "old",
  maiden: "maiden",
};

/**
 * The family name of a HumanName in either shape: DSTU2 lists the parts
 * (`["van", "Beethoven"]` → "van Beethoven"), R4 gives one string.
 */
export function familyName(name: HumanName | null | undefined): string | undefined {
  const family: unknown = record(name)?.family;
  if (Array.isArray(family)) {
    return joinParts(texts(family), " ") || undefined;
  }
  return text(family);
}

/**
 * Formats a FHIR HumanName (DSTU2 or R4) as "prefix given family suffix", e.g.
 * `{ family: ["Adams"], given: ["Daniel", "X."] }` → "Daniel X. Adams".
 * Falls back to `name.text` when there are no parts. Values of the wrong type are ignored,
 * so a hostile or broken name yields "" rather than an exception. The result is plain text,
 * bounded to 1,000 characters; render it as text, never as HTML.
 */
export function formatHumanName(name: HumanName | null | undefined, options: HumanNameFormatOptions = {}): string {
  const n = record(name);
  if (n === undefined) {
    return "";
  }
  const withPrefix = options.all === true || options.prefix !== false;
  const withSuffix = options.all === true || options.suffix !== false;
  const withUse = options.all === true || options.use === true;

  const parts = [
    ...(withPrefix ? texts(n.prefix) : []),
    ...texts(n.given),
    familyName(n as HumanName),
    ...(withSuffix ? texts(n.suffix) : []),
  ];
  const formatted = joinParts(parts, " ") || text(n.text) || "";
  const use = withUse ? nameUseLabel(n.use) : undefined;
  return clip(formatted !== "" && use !== undefined ? `${formatted} (${use})` : formatted);
}

/** A readable label for HumanName.use ("temp" → "temporary"); unknown codes are shown as sent. */
export function nameUseLabel(use: unknown): string | undefined {
  return codeLabel(NAME_USE_LABELS, use);
}

/**
 * The name to show for a patient: the first official name, else the first usual name,
 * else the first name that is not marked old, else any name, else "Name not given".
 * Names that format to nothing are skipped.
 */
export function patientDisplayName(patient: Patient | null | undefined): string {
  const names = records(record(patient)?.name);
  const byUse = (use: string) => names.filter((n) => n.use === use);
  const candidates = [...byUse("official"), ...byUse("usual"), ...names.filter((n) => n.use !== "old"), ...names];
  for (const candidate of candidates) {
    const formatted = formatHumanName(candidate as HumanName);
    if (formatted !== "") {
      return formatted;
    }
  }
  return NAME_NOT_GIVEN;
}
