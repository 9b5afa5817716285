import { ageFromBirthDate, formatDate } from "../fhir/format";

const DAY_MS = 86_400_000;

/** "expires in 12 days", "expires today", "expired 3 days ago", or "No expiry recorded". */
export function expiresIn(date: Date | null, now = new Date()): string {
  if (!date) return "No expiry recorded";
  const days = Math.floor((date.getTime() - now.getTime()) / DAY_MS);
  if (date.getTime() <= now.getTime()) {
    const ago = Math.floor((now.getTime() - date.getTime()) / DAY_MS);
    return ago === 0 ? "expired today" : `expired ${ago} day${ago === 1 ? "" : "s"} ago`;
  }
  if (days === 0) return "expires today";
  return `expires in ${days} day${days === 1 ? "" : "s"}`;
}

/** "Dec 23, 1925 (age 100)" from a FHIR birth date, or "" when there is none. */
export function birthDateAndAge(birthDate: string | null, now = new Date()): string {
  if (!birthDate) return "";
  const formatted = formatDate(birthDate);
  const age = ageFromBirthDate(birthDate, now);
  return age === undefined ? formatted : `${formatted} (age ${age})`;
}

/** A date and time in UTC, e.g. "Nov 28, 2026, 14:05 UTC". */
export function formatDateTime(date: Date | null): string {
  if (!date) return "Never";
  return `${date.toLocaleString("en-US", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })} UTC`;
}
