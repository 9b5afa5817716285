/**
 * The one FHIR-id check for EHR input: FHIR's `[A-Za-z0-9\-\.]{1,64}`, and never an id made only
 * of dots. "." and ".." (and "...", which some URL parsers also collapse) match FHIR's pattern but
 * are path traversal once put in a URL (`Patient/..` is the server's root), so they are refused
 * everywhere: as a patient id from a token response, in a read URL, in a stored resource.
 */

/** FHIR id: 1–64 of letters, digits, "-" and ".". */
export const FHIR_ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

/** True for a valid FHIR id that is also safe as a URL path segment (not only dots). */
export function isFhirId(value: unknown): value is string {
  return typeof value === "string" && FHIR_ID_PATTERN.test(value) && !/^\.+$/.test(value);
}
