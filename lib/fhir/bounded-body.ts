/**
 * Helpers for reading an untrusted HTTP body within a size limit and a deadline, and for
 * refusing JSON nested too deeply to handle safely afterwards.
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

/** Reads at most `maxBytes` of the body; `undefined` when it is larger. Rejects on timeout or network error. */
export async function readBody(response: Response, maxBytes: number, deadline: Promise<never>): Promise<Uint8Array | undefined> {
  if (response.body === null) {
    return new Uint8Array(0);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) {
        finished = true;
        break;
      }
      total += value.byteLength;
      if (total > maxBytes) {
        return undefined;
      }
      chunks.push(value);
    }
  } finally {
    if (!finished) {
      reader.cancel().catch(() => undefined);
    }
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
