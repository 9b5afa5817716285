/**
 * One GET of a record fetch: through the caller's politeness hook (the per-health-system limiter),
 * bounded in time and bytes, a 429 honoured (the hook is told to pause that health system for the
 * Retry-After, then the request is tried again a bounded number of times). Redirects are never
 * followed. Every outcome is a value; nothing throws. Framework-free.
 */
import { isRedirect, parseRetryAfter, send, type Answer, type Polite, type Transport } from "../../ehr-http";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../bounded-body";
import type { ByteBudget } from "./limits";

/** What every request of one connection's fetch shares. */
export type FetchContext = {
  fhirBase: string;
  patientId: string;
  /** Null: sent without an Authorization header (the CapabilityStatement, which SMART servers serve to anyone). */
  accessToken: string | null;
  timeoutMs: number;
  /** Runs a request under the health system's limits (EhrLimiter.run bound to the health system). */
  polite: Polite;
  /** A 429 or 503 with Retry-After: hold back this health system (EhrLimiter.pause). */
  pause: (seconds: number) => void;
  budget: ByteBudget;
  retriesAfter429: number;
  transport?: Transport;
};

/** refused: 401/403; unsupported: 400/404/405/410; failed: 5xx, 429 after retries, timeout, network, malformed, too large. */
export type RequestFailure = { kind: "refused" | "unsupported" | "failed"; reason: string; status?: number; retryAfterSeconds?: number };
/** `text`: the body as received, which `json` was parsed from. */
export type RequestResult = { ok: true; json: unknown; text: string; bytes: number } | ({ ok: false } & RequestFailure);

export const NOT_JSON = "The health system's answer is not valid JSON.";
const ACCEPT = "application/fhir+json, application/json+fhir, application/json";
const DEFAULT_429_PAUSE_S = 5;

function statusFailure(status: number, answer: Answer): RequestFailure | null {
  if (status >= 200 && status < 300) return null;
  if (isRedirect(status)) return { kind: "failed", status, reason: "The health system redirected the request elsewhere; redirects are not followed." };
  if (status === 401 || status === 403) return { kind: "refused", status, reason: `The health system refused access to this kind of record (HTTP ${status}).` };
  if (status === 400 || status === 404 || status === 405 || status === 410)
    return { kind: "unsupported", status, reason: `The health system does not support this search (HTTP ${status}).` };
  const retryAfter = answer.headers ? parseRetryAfter(answer.headers.get("retry-after"), new Date()) : undefined;
  return {
    kind: "failed",
    status,
    reason: status === 429 ? "The health system asked us to slow down (HTTP 429)." : `The health system is unavailable right now (HTTP ${status}).`,
    ...(retryAfter !== undefined && { retryAfterSeconds: retryAfter }),
  };
}

/**
 * GETs `url` and parses its JSON. `nestingCheckedByCaller`: the caller walks the whole text after
 * the parse and refuses it when it nests deeper than MAX_JSON_DEPTH (a search page and an `_id`
 * search's page: their resources' texts are cut in the same walk, cutPageWithinDepth);
 * JSON.parse itself is not recursive.
 */
export async function getJson(ctx: FetchContext, url: string, maxBytes: number, options: { nestingCheckedByCaller?: boolean } = {}): Promise<RequestResult> {
  for (let attempt = 0; ; attempt++) {
    const limit = Math.min(maxBytes, ctx.budget.remaining);
    if (limit <= 0) return { ok: false, kind: "failed", reason: "The record is larger than the most this study reads from one connection in one pass; the rest follows next time." };
    const headers: Record<string, string> = ctx.accessToken === null ? { Accept: ACCEPT } : { Authorization: `Bearer ${ctx.accessToken}`, Accept: ACCEPT };
    const answer = await ctx.polite(() => (ctx.transport ?? send)(url, { method: "GET", headers }, { timeoutMs: ctx.timeoutMs, maxBytes: limit }));
    const failure = answer.status !== undefined ? statusFailure(answer.status, answer) : null;
    if (failure) {
      if (answer.status === 429 || (answer.status === 503 && failure.retryAfterSeconds !== undefined)) {
        ctx.pause(failure.retryAfterSeconds ?? DEFAULT_429_PAUSE_S);
        if (attempt < ctx.retriesAfter429) continue;
      }
      return { ok: false, ...failure };
    }
    if (!answer.ok) {
      if (answer.kind === "timeout") return { ok: false, kind: "failed", reason: "The health system took too long to answer." };
      if (answer.kind === "network") return { ok: false, kind: "failed", reason: "Could not reach the health system." };
      ctx.budget.remaining -= limit;
      return { ok: false, kind: "failed", reason: limit < maxBytes ? "The record is larger than the most this study reads from one connection in one pass; the rest follows next time." : "The health system sent a page larger than the limit; it was not stored." };
    }
    ctx.budget.remaining -= answer.bytes.length;
    if (!answer.validUtf8 || (!options.nestingCheckedByCaller && nestsDeeperThan(answer.text, MAX_JSON_DEPTH))) return { ok: false, kind: "failed", reason: NOT_JSON };
    try {
      return { ok: true, json: JSON.parse(answer.text), text: answer.text, bytes: answer.bytes.length };
    } catch {
      return { ok: false, kind: "failed", reason: NOT_JSON };
    }
  }
}
