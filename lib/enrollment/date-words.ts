/**
 * Dates participants see, told as what they are (pure; the same answer in every time zone).
 *
 * An approval's end is a calendar day the participant chose at the EHR ("Share until 5 December").
 * It reaches the portal as an instant: the EHR's day boundary, often as a relative lifetime
 * (`refresh_token_expires_in`, whole seconds counted down from the EHR's clock), which lands a few
 * seconds before that boundary (23:59:59.4 on the 4th). Read as an instant and cut to a day, it
 * shows the day before the one chosen. So an approval's end is read as the nearest day boundary
 * (within DRIFT_MS), and its day is taken in UTC: never in the server's or the browser's zone.
 */
const DAY_MS = 86_400_000;
const DRIFT_MS = 10 * 60_000;

/** The calendar day an EHR's date-only value stands for, as YYYY-MM-DD (UTC, drift rounded). */
export function calendarDay(instant: Date): string {
  const t = instant.getTime();
  const boundary = Math.round(t / DAY_MS) * DAY_MS;
  const snapped = Math.abs(t - boundary) <= DRIFT_MS ? boundary : t;
  return new Date(snapped).toISOString().slice(0, 10);
}

/** "December 5, 2026" for a calendar day YYYY-MM-DD (built in UTC, so no zone can move it). */
export function formatCalendarDay(day: string, locale = "en-US"): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).toLocaleDateString(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export const NOT_TOLD = "Not told to the study";

/**
 * "Sharing ends": the EHR's own date, or that the EHR did not say (an estimate from the health
 * system's usual approval length is never shown to a participant as a fact).
 */
export function sharingEndsWords(approvalExpiresAt: Date | null | undefined, fromEhr: boolean, locale = "en-US", notTold = NOT_TOLD): string {
  if (!approvalExpiresAt || !fromEhr) return notTold;
  return formatCalendarDay(calendarDay(approvalExpiresAt), locale);
}
