import { clip, joinParts, record, records, text, texts } from "./text";
import type { Address, Patient } from "./types";

/** Options for {@link formatAddress}. */
export interface AddressFormatOptions {
  /** One line per part, separated by "\n" (street lines, "City, ST 12345", country). Default false. */
  lines?: boolean;
  /** Append the address use, e.g. "(home)". Default false. */
  use?: boolean;
}

/**
 * The lines of a postal address as they would be printed on an envelope:
 * each street line, then "City, ST 12345", then the country. Falls back to `address.text`.
 * Wrong types are ignored; every value is bounded.
 */
export function addressLines(address: Address | null | undefined): string[] {
  const a = record(address);
  if (a === undefined) {
    return [];
  }
  const stateAndZip = joinParts([text(a.state), text(a.postalCode)], " ");
  const cityLine = joinParts([text(a.city), stateAndZip], ", ");
  const lines = [...texts(a.line), cityLine, text(a.country) ?? ""].filter((l) => l !== "");
  if (lines.length > 0) {
    return lines;
  }
  const fallback = text(a.text);
  return fallback === undefined ? [] : [fallback];
}

/**
 * Formats a FHIR Address (same shape in DSTU2 and R4) on one line, e.g.
 * "1 Hill AveApt 14, Tulsa, OK 74117, USA", or on several lines with `{ lines: true }`.
 */
export function formatAddress(address: Address | null | undefined, options: AddressFormatOptions = {}): string {
  const body = addressLines(address).join(options.lines === true ? "\n" : ", ");
  const use = options.use === true ? text(record(address)?.use, 64) : undefined;
  return clip(body !== "" && use !== undefined ? `${body} (${use})` : body);
}

/**
 * The address that best says where a patient lives: the first home address, else the first
 * address not marked old, else the first address.
 */
export function primaryAddress(patient: Patient | null | undefined): Address | undefined {
  const addresses = records(record(patient)?.address);
  const chosen =
    addresses.find((a) => a.use === "home") ?? addresses.find((a) => a.use !== "old") ?? addresses[0];
  return chosen as Address | undefined;
}

/** "Tulsa, OK" for the dashboard table, from the primary address; "" when unknown. */
export function cityAndState(patient: Patient | null | undefined): string {
  const a = record(primaryAddress(patient));
  return joinParts([text(a?.city), text(a?.state)], ", ");
}
