const DAY_MS = 24 * 60 * 60 * 1000;

/** An HTTP date, as the real server's debug introspection prints it: `Fri, 13 Jul 2018 17:21:56 GMT`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The same calendar day `years` later, in UTC. */
export function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

/** Midnight UTC of a `YYYY-MM-DD` date, or null when the text is not a real date. */
export function parseIsoDate(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || isoDate(ms) !== text ? null : ms;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
