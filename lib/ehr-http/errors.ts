/**
 * The one error vocabulary for requests to an EHR (lib/smart's OAuth calls and lib/fhir's reads
 * alike). Expected failures (the health system said no, timed out,
 * sent something we cannot use) are values, never exceptions.
 *
 * `message` is plain language, safe to show a participant or study staff; it never contains a
 * token, a secret or text chosen by the health system. Technical detail for logs and staff lives
 * in `problem` (our own words) and, for OAuth errors, `code` and a cleaned `description`.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: EhrError };

interface EhrErrorBase {
  /** Plain language, safe to show; never contains tokens, secrets or server-chosen text. */
  message: string;
  /** Worth retrying later: see {@link isTransientStatus} (timeouts, network failures, 408, 429, 5xx, temporarily_unavailable). */
  transient: boolean;
  status?: number;
  retryAfterSeconds?: number;
}

export type EhrError = EhrErrorBase &
  (
    | { kind: "oauth"; code: string; description?: string }
    | { kind: "timeout" }
    | { kind: "network" }
    | { kind: "http"; status: number }
    | { kind: "invalid-response"; problem: string }
    | { kind: "url-policy"; problem: string }
    | { kind: "redirect" }
  );

export type EhrErrorKind = EhrError["kind"];

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: EhrError): Result<T> {
  return { ok: false, error };
}

const OAUTH_MESSAGES: Record<string, string> = {
  invalid_grant:
    "The permission from your health system has expired or was already used. Please connect again.",
  invalid_client: "Your health system did not recognise this study's registration.",
  unauthorized_client: "Your health system does not allow this study to connect this way.",
  access_denied: "Access was not approved, so the study cannot collect your record.",
  invalid_scope: "Your health system did not accept the kind of access the study asked for.",
  invalid_request: "Your health system could not process the request from this study.",
  unsupported_grant_type: "Your health system does not support this way of connecting.",
  unsupported_token_type: "Your health system does not support this request.",
  invalid_client_metadata: "Your health system did not accept this study's registration details.",
  invalid_redirect_uri: "Your health system did not accept this study's return address.",
  temporarily_unavailable: "Your health system is temporarily unavailable. Please try again later.",
  server_error: "Your health system had a problem. Please try again later.",
};

/** RFC 6749 §5.2: an error code is ASCII %x20-21 / %x23-5B / %x5D-7E (bounded here to 64). */
export const OAUTH_ERROR_CODE_PATTERN = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,64}$/;

const TRANSIENT_OAUTH_CODES = new Set(["temporarily_unavailable", "server_error"]);

export function oauthError(
  code: string,
  options: { description?: string; status?: number; retryAfterSeconds?: number } = {},
): EhrError {
  const { status, retryAfterSeconds, description } = options;
  return {
    kind: "oauth",
    code,
    ...(description !== undefined && { description }),
    message: OAUTH_MESSAGES[code] ?? "Your health system refused the request.",
    transient: TRANSIENT_OAUTH_CODES.has(code) || (status !== undefined && isTransientStatus(status)),
    ...(status !== undefined && { status }),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  };
}

export function httpError(status: number, retryAfterSeconds?: number): EhrError {
  let message = `Your health system refused the request (error ${status}).`;
  if (status === 429 || status === 408) message = "Your health system is busy. Please try again in a few minutes.";
  else if (status >= 500) message = `Your health system had a problem (error ${status}). Please try again later.`;
  return {
    kind: "http",
    status,
    message,
    transient: isTransientStatus(status),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  };
}

export function invalidResponse(problem: string, status?: number): EhrError {
  return {
    kind: "invalid-response",
    problem,
    message: "Your health system sent an answer the study could not understand.",
    transient: false,
    ...(status !== undefined && { status }),
  };
}

export function urlPolicyError(problem: string): EhrError {
  return {
    kind: "url-policy",
    problem,
    message: "Your health system gave an address the study is not allowed to use.",
    transient: false,
  };
}

export function timeoutError(): EhrError {
  return {
    kind: "timeout",
    message: "Your health system took too long to answer. Please try again in a few minutes.",
    transient: true,
  };
}

export function networkError(): EhrError {
  return {
    kind: "network",
    message: "The study could not reach your health system. Please try again later.",
    transient: true,
  };
}

export function redirectError(status: number): EhrError {
  return {
    kind: "redirect",
    status,
    message: "The server redirected to another address, which the study does not follow.",
    transient: false,
  };
}

/**
 * The one transient rule for EHR answers: 408 (request timeout), 429 (too many requests) and any
 * 5xx may succeed later; every other status will not. Timeouts and network failures (no answer)
 * are transient too ({@link timeoutError}, {@link networkError}).
 */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
