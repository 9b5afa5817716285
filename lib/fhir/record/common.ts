/**
 * Building blocks of the record formatters (conditions, medications, labs, …): pure functions
 * over possibly broken foreign data in DSTU2 or R4 shape. Like the Patient formatters, none of
 * them throws, every string is bounded, and the result is plain text to render as text.
 */
import { formatDate, parseFhirDate } from "../dates";
import { formatCodeableConcept } from "../patient-fields";
import { codeLabel, joinParts, list, record, records, text } from "../text";
import type { CodeableConcept } from "../types";

/** Options every record formatter takes. */
export interface RecordFormatOptions {
  /** BCP 47 locale for dates. Default "en-US". */
  locale?: string;
}

/** One stored resource as the record page reads it (FhirResource row: id, type, parsed JSON). */
export interface StoredResource {
  /** The store's row id (for the "raw JSON" link). */
  id: string;
  resourceType: string;
  /** The parsed resourceJson; anything, since it came from an EHR. */
  json: unknown;
}

/** What every formatted row has: the store's row id, the FHIR id, and a key to sort by date. */
export interface RecordRowBase {
  /** The store's row id. */
  rowId: string;
  /** The resource's id at the EHR, when valid. */
  fhirId: string | undefined;
  /** The resource's main date as "YYYY-MM-DD" (or shorter when partial); "" when it has none. Newest first sorts by it. */
  sortDate: string;
}

/** A CodeableConcept as text (its text, else a coding's display, else a code); "" when none. */
export function conceptText(value: unknown): string {
  return formatCodeableConcept(record(value) as CodeableConcept | undefined);
}

/** The first of a list of CodeableConcepts that says anything (R4 lists where DSTU2 had one). */
export function firstConceptText(value: unknown): string {
  if (!Array.isArray(value)) return conceptText(value);
  for (const item of records(value)) {
    const t = conceptText(item);
    if (t !== "") return t;
  }
  return "";
}

/** Every coding code of a CodeableConcept (or a list of them), lower-cased, with its system. */
export function codings(value: unknown): { system: string; code: string }[] {
  const concepts = Array.isArray(value) ? records(value) : [record(value)].filter((c) => c !== undefined);
  return concepts.flatMap((c) =>
    records(c?.coding).flatMap((coding) => {
      const code = text(coding.code, 64);
      return code === undefined ? [] : [{ system: text(coding.system, 256) ?? "", code: code.toLowerCase() }];
    }),
  );
}

/** A status code as a word: DSTU2 sends a string, R4 a CodeableConcept; unknown codes shown as sent. */
export function statusText(labels: Readonly<Record<string, string>>, value: unknown): string {
  const code = typeof value === "string" ? value : codings(value)[0]?.code;
  return codeLabel(labels, code) ?? conceptText(value);
}

/** The raw status code (DSTU2 string or R4 CodeableConcept), lower-cased; "" when none. */
export function statusCode(value: unknown): string {
  if (typeof value === "string") return text(value, 64)?.toLowerCase() ?? "";
  return codings(value)[0]?.code ?? "";
}

/** A FHIR date or dateTime as "Dec 3, 2024" (at the precision given); "" when invalid. */
export function dateText(value: unknown, options: RecordFormatOptions = {}): string {
  return formatDate(value, { month: "short", ...(options.locale !== undefined && { locale: options.locale }) });
}

/** "YYYY-MM-DD" (or "YYYY-MM", "YYYY") of a FHIR date or dateTime, for sorting; "" when invalid. */
export function sortableDate(value: unknown): string {
  const parts = parseFhirDate(value);
  if (parts === undefined) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return [String(parts.year).padStart(4, "0"), parts.month && pad(parts.month), parts.day && pad(parts.day)].filter(Boolean).join("-");
}

/** A Period as "Mar 3, 2024 – Mar 5, 2024", "from Mar 3, 2024", "until …"; "" when neither end is valid. */
export function periodText(value: unknown, options: RecordFormatOptions = {}): string {
  const p = record(value);
  const start = dateText(p?.start, options);
  const end = dateText(p?.end, options);
  if (start && end) return start === end ? start : `${start} – ${end}`;
  if (start) return `from ${start}`;
  if (end) return `until ${end}`;
  return "";
}

/**
 * The first usable date among a resource's choice elements, e.g. `["onsetDateTime", "onsetPeriod"]`:
 * a dateTime as a date, a Period by its start. Returns the text and the sortable form.
 */
export function firstDate(resource: Record<string, unknown> | undefined, fields: readonly string[], options: RecordFormatOptions = {}): { text: string; sort: string } {
  for (const field of fields) {
    const value = resource?.[field];
    if (typeof value === "string") {
      const t = dateText(value, options);
      if (t !== "") return { text: t, sort: sortableDate(value) };
    } else if (record(value) !== undefined) {
      const t = periodText(value, options);
      if (t !== "") return { text: t, sort: sortableDate(record(value)?.start) || sortableDate(record(value)?.end) };
    }
  }
  return { text: "", sort: "" };
}

/**
 * The sortable date ("YYYY-MM-DD") of the first usable date among `fields`, exactly as
 * {@link firstDate} picks it, without formatting anything: the record sorts every resource by it
 * and formats only the rows it shows.
 */
export function sortDateOf(resource: unknown, fields: readonly string[]): string {
  const r = record(resource);
  for (const field of fields) {
    const value = r?.[field];
    if (typeof value === "string") {
      const sort = sortableDate(value);
      if (sort !== "") return sort;
    } else {
      const period = record(value);
      if (period !== undefined) {
        const sort = sortableDate(period.start) || sortableDate(period.end);
        if (sort !== "") return sort;
      }
    }
  }
  return "";
}

/** True when the EHR marks the resource "entered in error" (status or verificationStatus, either version's shape). */
export function isEnteredInError(resource: unknown): boolean {
  const r = record(resource);
  return statusCode(r?.status) === "entered-in-error" || statusCode(r?.verificationStatus) === "entered-in-error";
}

/** The free-text instructions of a list of Dosage elements ("Take 1 tablet daily"), joined. */
export function dosageText(value: unknown): string {
  return joinParts(records(value).map((d) => text(d.text)), "; ");
}

/** A Reference as text: its display, else the reference itself ("Practitioner/123"). */
export function referenceText(value: unknown): string {
  const r = record(value);
  return text(r?.display) ?? text(r?.reference, 256) ?? "";
}

/** The resource's valid FHIR id, or undefined. */
export function fhirIdOf(resource: Record<string, unknown> | undefined): string | undefined {
  const id = text(resource?.id, 64);
  return id !== undefined && /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : undefined;
}

/** A string list of a resource element (R4 `category: ["food"]`, DSTU2 `category: "food"`). */
export function codeList(value: unknown): string[] {
  const values = Array.isArray(value) ? list(value) : [value];
  return values.map((v) => text(v, 64)).filter((v): v is string => v !== undefined);
}
