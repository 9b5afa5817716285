import { text } from "./text";

/** A FHIR date as written, with month and day absent when the date is partial. */
export interface FhirDateParts {
  year: number;
  /** 1–12 */
  month?: number;
  /** 1–31 */
  day?: number;
}

/** Options for {@link formatDate}. */
export interface DateFormatOptions {
  /** BCP 47 locale for month names and order. Default "en-US" (stable on any server). */
  locale?: string;
  /** "long" ("December 23, 1925", the default) or "short" ("Dec 23, 1925", for tables). */
  month?: "long" | "short";
}

/** Options for {@link ageFromBirthDate}. */
export interface AgeOptions {
  /** IANA time zone whose calendar date "today" is. Default "UTC". */
  timeZone?: string;
}

// FHIR date, or the date part of a FHIR dateTime (the time, when present, must be well formed).
const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a FHIR date ("1925", "1925-12", "1925-12-23") or dateTime ("2018-02-21T15:01:44.340+00:00")
 * into its calendar parts exactly as written: a dateTime's date is the date in the sender's
 * time zone, never shifted to ours. Returns `undefined` for anything invalid (month 13, Feb 30,
 * year 0000, wrong type).
 */
export function parseFhirDate(value: unknown): FhirDateParts | undefined {
  const s = text(value, 64);
  const m = s === undefined ? null : DATE_PATTERN.exec(s);
  if (m === null || m[1] === undefined) {
    return undefined;
  }
  const year = Number(m[1]);
  if (year < 1) {
    return undefined;
  }
  if (m[2] === undefined) {
    return { year };
  }
  const month = Number(m[2]);
  if (month < 1 || month > 12) {
    return undefined;
  }
  if (m[3] === undefined) {
    return { year, month };
  }
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

/**
 * Formats a FHIR date or dateTime for people, at the precision it was given:
 * "1925" → "1925", "1925-12" → "December 1925", "1925-12-23" → "December 23, 1925" (en-US).
 * The date is never shifted between time zones. Returns "" for a missing or invalid date.
 */
export function formatDate(value: unknown, options: DateFormatOptions = {}): string {
  const parts = parseFhirDate(value);
  if (parts === undefined) {
    return "";
  }
  const locale = options.locale ?? "en-US";
  const date = new Date(Date.UTC(2000, (parts.month ?? 1) - 1, parts.day ?? 1));
  date.setUTCFullYear(parts.year); // Date.UTC maps years 0–99 to 1900–1999
  const format: Intl.DateTimeFormatOptions = { timeZone: "UTC", year: "numeric" };
  if (parts.month !== undefined) {
    format.month = options.month ?? "long";
  }
  if (parts.day !== undefined) {
    format.day = "numeric";
  }
  try {
    return dateTimeFormat(locale, format).format(date);
  } catch {
    return dateTimeFormat("en-US", format).format(date); // unknown locale
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Intl.DateTimeFormat instances are costly to build (tens of µs) and immutable: one per locale and options. */
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options); // throws for an unknown locale or time zone: nothing cached
    if (formats.size >= 200) formats.clear(); // locales and time zones come from callers: keep the cache bounded
    formats.set(key, format);
  }
  return format;
}

function calendarDate(now: Date, timeZone: string): { year: number; month: number; day: number } | undefined {
  if (Number.isNaN(now.getTime())) {
    return undefined;
  }
  const fields = new Map<string, number>();
  const format = dateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
  for (const part of format.formatToParts(now)) {
    fields.set(part.type, Number(part.value));
  }
  const year = fields.get("year");
  const month = fields.get("month");
  const day = fields.get("day");
  return year === undefined || month === undefined || day === undefined ? undefined : { year, month, day };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}

/**
 * Age in whole years on `now`'s calendar date (in `options.timeZone`, default UTC).
 * - Partial dates give the youngest possible age: "1925" counts as born on 1925-12-31,
 *   "1925-06" on 1925-06-30.
 * - Someone born on 29 February turns a year older on 1 March in non-leap years.
 * - A birth date after today (even partially: "2999") or an invalid one gives `undefined`.
 */
export function ageFromBirthDate(birthDate: unknown, now: Date, options: AgeOptions = {}): number | undefined {
  const born = parseFhirDate(birthDate);
  let today: ReturnType<typeof calendarDate>;
  try {
    today = calendarDate(now, options.timeZone ?? "UTC");
  } catch {
    return undefined; // unknown time zone
  }
  if (born === undefined || today === undefined) {
    return undefined;
  }
  const t = [today.year, today.month, today.day];
  const earliest = [born.year, born.month ?? 1, born.day ?? 1];
  if (compare(earliest, t) > 0) {
    return undefined;
  }
  // Youngest possible age: the latest day the partial date allows.
  const lastMonth = born.month ?? 12;
  const lastDay = born.day ?? daysInMonth(born.year, lastMonth);
  const hadBirthday = compare([today.month, today.day], [lastMonth, lastDay]) >= 0;
  return Math.max(0, today.year - born.year - (hadBirthday ? 0 : 1));
}
