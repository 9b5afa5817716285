import { clip, codeLabel, record, records, text } from "./text";
import type { ContactPoint } from "./types";

/** Options for {@link formatContactPoint}. */
export interface ContactPointFormatOptions {
  /** Start with the kind of contact, e.g. "Email: ". Default true. */
  system?: boolean;
  /** End with the use, e.g. " (home)". Default true. */
  use?: boolean;
}

const SYSTEM_LABELS: Readonly<Record<string, string>> = {
  phone: "Phone",
  fax: "Fax",
  email: "Email",
  pager: "Pager",
  url: "Web",
  sms: "SMS",
  other: "Other",
};

const USE_LABELS: Readonly<Record<string, string>> = {
  home: "home",
  work: "work",
  temp: "temporary",
  old: "old",
  mobile: "mobile",
};

/**
 * Formats a FHIR ContactPoint (DSTU2 or R4), e.g.
 * `{ system: "email", value: "daniel.adams@example.com", use: "home" }` →
 * "Email: daniel.adams@example.com (home)". Returns "" when there is no value.
 * The value is plain text: never turn it into a link or markup without validating it.
 */
export function formatContactPoint(
  contactPoint: ContactPoint | null | undefined,
  options: ContactPointFormatOptions = {},
): string {
  const cp = record(contactPoint);
  const value = text(cp?.value);
  if (value === undefined) {
    return "";
  }
  const system = options.system === false ? undefined : (codeLabel(SYSTEM_LABELS, cp?.system) ?? "Contact");
  const use = options.use === false ? undefined : codeLabel(USE_LABELS, cp?.use);
  return clip(`${system === undefined ? "" : `${system}: `}${value}${use === undefined ? "" : ` (${use})`}`);
}

/** The formatted contact points of a list, skipping those without a value. */
export function formatContactPoints(telecom: unknown, options?: ContactPointFormatOptions): string[] {
  return records(telecom)
    .map((cp) => formatContactPoint(cp as ContactPoint, options))
    .filter((s) => s !== "");
}
