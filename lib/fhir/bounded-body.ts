/**
 * Refusing JSON nested too deeply to handle safely: the size and time bounds on an untrusted body
 * are the transport's (lib/ehr-http); this is the check on its text before JSON.parse. A record
 * search's pages are measured instead by the walk that cuts their resources (./bundle-slices.ts),
 * after the parse (JSON.parse is not recursive; what breaks on deep nesting comes later).
 */

/** Deepest JSON nesting accepted: FHIR resources nest a dozen levels; 1 MB of "[" would break JSON.stringify later. */
export const MAX_JSON_DEPTH = 100;

/**
 * True when the JSON text nests objects/arrays deeper than `max` (one linear pass, strings skipped).
 * A string is skipped with `indexOf` to its closing quote (a quote after an odd run of backslashes
 * is escaped): most of a FHIR resource's bytes are in strings, and this is three times faster than
 * looking at each of their characters (1.1 against 3.0 µs a resource).
 */
export function nestsDeeperThan(json: string, max: number): boolean {
  let depth = 0;
  const length = json.length;
  for (let i = 0; i < length; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      i = closingQuote(json, i);
      if (i < 0) return false; // an unterminated string: JSON.parse refuses it
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `open`, or -1. */
export function closingQuote(json: string, open: number): number {
  for (let at = open; ; ) {
    at = json.indexOf('"', at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    while (json.charCodeAt(at - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}
