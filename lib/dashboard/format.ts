/**
 * Plain-language times and facts for the staff dashboard (pure; `now` is always injectable).
 * Every figure says what it counts: "in 52 minutes" for an hour-long token, never "today".
 */
import { formatDate, patientAge } from "../fhir/format";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** A duration in the largest unit that is whole: "45 seconds", "52 minutes", "5 hours", "12 days". */
export function durationWords(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE_MS) return plural(Math.max(0, Math.round(abs / 1000)), "second");
  if (abs < HOUR_MS) return plural(Math.floor(abs / MINUTE_MS), "minute");
  if (abs < DAY_MS) return plural(Math.floor(abs / HOUR_MS), "hour");
  return plural(Math.floor(abs / DAY_MS), "day");
}

/** "expires in 52 minutes", "expires in 12 days", "expired 3 hours ago", or "No expiry recorded". */
export function expiresIn(date: Date | null, now = new Date()): string {
  if (!date) return "No expiry recorded";
  const left = date.getTime() - now.getTime();
  return left > 0 ? `expires in ${durationWords(left)}` : `expired ${durationWords(left)} ago`;
}

/** "3 hours ago", "2 days ago", "just now"; "in 5 days" for a future date. */
export function timeAgo(date: Date, now = new Date()): string {
  const ms = now.getTime() - date.getTime();
  if (Math.abs(ms) < MINUTE_MS) return "just now";
  return ms > 0 ? `${durationWords(ms)} ago` : `in ${durationWords(ms)}`;
}

/** When the Patient resource says the person died: a FHIR dateTime, or "yes" when only deceasedBoolean says so. */
export type DeceasedMark = string | null | undefined;

/**
 * "Dec 23, 1925 (age 100)" from a FHIR birth date; for someone who died, the age stops at death:
 * "Dec 23, 1925 (died Mar 1989, aged 63)", or "(died)" when the date of death is not known.
 * "" when there is no birth date.
 */
export function birthDateAndAge(birthDate: string | null, now = new Date(), deceased?: DeceasedMark): string {
  if (!birthDate) return "";
  const born = formatDate(birthDate, { month: "short" });
  const patient = deceased === "yes" ? { birthDate, deceasedBoolean: true } : deceased ? { birthDate, deceasedDateTime: deceased } : { birthDate };
  const { age, atDeath } = patientAge(patient, now);
  if (!atDeath) return age === undefined ? born : `${born} (age ${age})`;
  const when = deceased === "yes" ? "" : formatDate(deceased, { month: "short" });
  if (when === "") return `${born} (died)`;
  return age === undefined ? `${born} (died ${when})` : `${born} (died ${when}, aged ${age})`;
}

/** A date and time in UTC, e.g. "Nov 28, 2026, 14:05 UTC". */
export function formatDateTime(date: Date | null): string {
  if (!date) return "Never";
  return `${date.toLocaleString("en-US", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })} UTC`;
}

/** A calendar day in UTC, e.g. "Nov 28, 2026"; `empty` when there is none. */
export function formatShortDay(date: Date | null | undefined, empty = "Never"): string {
  if (!date) return empty;
  return date.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

/** The FHIR release a server's version number belongs to: "4.0.1" → "R4", "1.0.2" → "DSTU2". */
export function fhirReleaseName(version: string | null | undefined): string | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version?.trim() ?? "");
  if (!m) return undefined;
  const key = `${m[1]}.${m[2]}`;
  return ({ "1.0": "DSTU2", "1.4": "DSTU2", "3.0": "STU3", "4.0": "R4", "4.3": "R4B", "5.0": "R5" } as Record<string, string>)[key];
}

/** "FHIR R4 (4.0.1)", "FHIR DSTU2 (1.0.2)", "FHIR 6.0.0"; "FHIR version not stated by the health system" when unknown. */
export function fhirVersionLabel(version: string | null | undefined): string {
  const v = version?.trim().slice(0, 32);
  if (!v) return "FHIR version not stated by the health system";
  const release = fhirReleaseName(v);
  return release ? `FHIR ${release} (${v})` : `FHIR ${v}`;
}

/** The sync worker's progress in plain words: counts that add up, and nothing called "synced" that failed. */
export function syncProgressText(p: { running: boolean; total: number; done: number; failed: number; startedAt: Date }): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const synced = Math.max(0, p.done - p.failed);
  const failed = p.failed > 0 ? `; ${n(p.failed)} could not be synced (see "Last error")` : "";
  if (p.running) return `Sync running: ${n(p.done)} of ${n(p.total)} connections checked, ${n(synced)} synced${failed}.`;
  if (p.total === 0) return `Last sync pass (started ${formatDateTime(p.startedAt)}): no connection was due.`;
  return `Last sync pass (started ${formatDateTime(p.startedAt)}): ${n(synced)} of ${n(p.total)} connections synced${failed}.`;
}
