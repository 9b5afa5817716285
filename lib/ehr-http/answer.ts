/**
 * What a bounded request to a health system looks like and what comes back: a complete answer
 * (any status, the body as text) or a failure that says why there is no complete answer.
 */
import type { LookupAll, UrlPolicy } from "./url-policy";

export interface EhrRequest {
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

/** Every request is bounded: `timeoutMs` covers connecting, the headers and the whole body. */
export interface Limits {
  timeoutMs: number;
  maxBytes: number;
}

/**
 * Which addresses a request may reach. The URL's form is checked against `policy` before sending,
 * and the node transport's socket connects only to addresses that `resolve` answered and the
 * policy allows (guarded-lookup.ts), so a name cannot be rebound to an internal address after
 * the check. `resolve` defaults to the system resolver (injected in tests).
 */
export interface Reach {
  policy: UrlPolicy;
  resolve?: LookupAll;
}

/** Response headers, looked up case-insensitively; repeated headers are joined with ", ". */
export interface AnswerHeaders {
  get(name: string): string | null;
}

/**
 * timeout: no complete answer within `timeoutMs`; network: no connection, or it broke;
 * too-large: the body is (or says it is) larger than `maxBytes`; refused: the URL or an address
 * its host resolves to is not allowed by the request's {@link Reach} (nothing was sent).
 */
export type FailureKind = "timeout" | "network" | "too-large" | "refused";

/** The response head: what a failure after it arrived still reports. */
export interface Head {
  status: number;
  headers: AnswerHeaders;
}

/** A complete answer, whatever its status (redirects are never followed), or a failure. */
export type Answer =
  | (Head & {
      ok: true;
      /** The body decoded as UTF-8 like `TextDecoder`: invalid bytes become U+FFFD, a leading BOM is dropped. */
      text: string;
      /** False when the body was not well-formed UTF-8. */
      validUtf8: boolean;
      /** The body as received (a logo is an image, not text). */
      bytes: Uint8Array;
    })
  | ({ ok: false; kind: FailureKind } & (Head | { status?: undefined; headers?: undefined }));

/** Sends one request and never throws: every outcome is an {@link Answer}. With `reach`, the URL policy applies. */
export type Transport = (url: URL | string, request: EhrRequest, limits: Limits, reach?: Reach) => Promise<Answer>;

/**
 * Runs one exchange with a health system under the caller's politeness limits (the sync worker's
 * per-health-system limiter): the request and its answer only, never what is done with the answer
 * afterwards, so a slot is never held while the caller stores.
 */
export type Polite = <T>(exchange: () => Promise<T>) => Promise<T>;

/** The subset of `fetch` the fetch transport needs; tests inject a fake health system through it. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A failure of `kind`, keeping the response head when it had arrived. */
export function failure(kind: FailureKind, head?: Head): Answer {
  return head ? { ok: false, kind, ...head } : { ok: false, kind };
}

/** A redirect: any 3xx, or status 0, which is how a browser's fetch reports a redirect it hides. */
export function isRedirect(status: number): boolean {
  return status === 0 || (status >= 300 && status < 400);
}
