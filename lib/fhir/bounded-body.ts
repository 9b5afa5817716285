/**
 * Refusing JSON nested too deeply to handle safely: the size and time bounds on an untrusted body
 * are the transport's (lib/ehr-http); this is the check on its text before JSON.parse.
 */

/** Deepest JSON nesting accepted: FHIR resources nest a dozen levels; 1 MB of "[" would break JSON.stringify later. */
export const MAX_JSON_DEPTH = 100;

/** True when the JSON text nests objects/arrays deeper than `max` (one linear pass, strings skipped). */
export function nestsDeeperThan(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
