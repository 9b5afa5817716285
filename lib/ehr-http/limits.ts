/** The one limit set for requests to an EHR: every OAuth call and every FHIR read is bounded by it. */
import type { Limits } from "./answer";

/** The whole request (connect, headers, body) unless the caller sets EHR_TIMEOUT_MS or its own. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The largest response body read, unless the caller sets its own. */
export const DEFAULT_MAX_BYTES = 1_048_576;

/** The caller's bounds where they are positive finite numbers, else the defaults. */
export function limitsFrom(options: { timeoutMs?: number | undefined; maxBytes?: number | undefined } = {}): Limits {
  const positiveOr = (value: number | undefined, fallback: number) => (value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback);
  return { timeoutMs: positiveOr(options.timeoutMs, DEFAULT_TIMEOUT_MS), maxBytes: positiveOr(options.maxBytes, DEFAULT_MAX_BYTES) };
}
