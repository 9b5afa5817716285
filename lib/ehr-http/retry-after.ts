/** Reading a Retry-After header (RFC 9110 §10.2.3) from a health system's answer. */

const MAX_RETRY_AFTER_SECONDS = 86_400;

/** Retry-After as delta-seconds or an HTTP date; capped at one day; undefined when unusable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  let seconds: number;
  if (/^\d{1,10}$/.test(trimmed)) seconds = Number(trimmed);
  else {
    // An HTTP date names a weekday or month; V8's Date.parse would otherwise read "-5" as a year.
    if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    seconds = Math.max(0, Math.ceil((at - now.getTime()) / 1000));
  }
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}
