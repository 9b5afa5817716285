/**
 * Small defensive helpers shared by the FHIR formatters. Every formatter reads foreign data
 * through these, so a wrong type (a number where a string belongs, `null`, an object) is
 * treated as absent instead of crashing, and every string is bounded in length.
 */

/** Longest string a formatter returns for a single FHIR value. */
export const MAX_STRING_LENGTH = 1_000;

/** Longest list a formatter walks (names, lines, identifiers ...); the rest is ignored. */
export const MAX_LIST_LENGTH = 100;

const ELLIPSIS = "…";

/**
 * Truncates `value` to at most `max` UTF-16 units, ending with "…" when cut, without
 * splitting a surrogate pair. Idempotent: clipping a clipped string changes nothing.
 */
export function clip(value: string, max: number = MAX_STRING_LENGTH): string {
  if (value.length <= max) {
    return value;
  }
  let end = Math.max(0, max - ELLIPSIS.length);
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end -= 1; // do not leave half of a surrogate pair behind
  }
  return value.slice(0, end) + ELLIPSIS;
}

/** A trimmed, bounded, non-empty string, or `undefined` for anything else (wrong type, blank). */
export function text(value: unknown, max: number = MAX_STRING_LENGTH): string | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  // Trim a bounded prefix so a 100 kB value costs no more than a short one.
  const trimmed = value.slice(0, max * 2).trim();
  return trimmed === "" ? undefined : clip(trimmed, max);
}

/** The elements of `value` if it is an array (at most `MAX_LIST_LENGTH`), else `[]`. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value.slice(0, MAX_LIST_LENGTH) : [];
}

/** The non-blank strings of a list (DSTU2/R4 `given`, `line`, `prefix` ...), bounded. */
export function texts(value: unknown): string[] {
  const out: string[] = [];
  for (const item of list(value)) {
    const t = text(item);
    if (t !== undefined) {
      out.push(t);
    }
  }
  return out;
}

/** `value` as a plain object, or `undefined` for `null`, arrays, primitives. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The plain objects of a list; other elements are skipped. */
export function records(value: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const item of list(value)) {
    const r = record(item);
    if (r !== undefined) {
      out.push(r);
    }
  }
  return out;
}

/** Joins the non-empty parts with `separator` and bounds the result. */
export function joinParts(parts: readonly (string | undefined)[], separator: string): string {
  return clip(parts.filter((p): p is string => p !== undefined && p !== "").join(separator));
}

/**
 * A label for a FHIR code: the known label from `labels` (keys lower case, looked up
 * case-insensitively), else the code itself (bounded to
 * 64 characters, since codes are short), else `undefined`.
 */
export function codeLabel(labels: Readonly<Record<string, string>>, code: unknown): string | undefined {
  const c = text(code, 64);
  if (c === undefined) {
    return undefined;
  }
  const key = c.toLowerCase();
  return Object.hasOwn(labels, key) ? labels[key] : c;
}
