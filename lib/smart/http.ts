/**
 * Bounded HTTP to a health system: every request has a timeout and a response-size cap, and
 * redirects are never followed (a 3xx is a failure). Non-2xx answers become typed errors.
 */
import { isRedirect, limitsFrom, transportFor, type AnswerHeaders } from "../ehr-http";
import { STRICT_URL_POLICY, type LookupAll, type UrlPolicy } from "../ehr-http/url-policy";
import { errorFromResponse, looksLikeHtml } from "./http-body";
import {
  fail,
  invalidResponse,
  networkError,
  ok,
  redirectError,
  timeoutError,
  urlPolicyError,
  type Result,
} from "./result";

export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "../ehr-http/limits";

/** Options every network call in lib/smart accepts. */
export interface HttpOptions {
  /** Injected for tests; by default requests go over node:http / node:https. */
  fetch?: typeof fetch;
  /** Whole request, body included. Default 10 s. */
  timeoutMs?: number;
  /** Response body cap in bytes. Default 1 MB. */
  maxBytes?: number;
  /** Clock for Retry-After dates, token expiry and assertion times. Default: the system clock. */
  now?: () => Date;
  /** Which addresses may be reached, checked at the socket. Default: STRICT_URL_POLICY. */
  policy?: UrlPolicy;
  /** The resolver the socket's checked lookup uses (injected in tests). Default: the system's. */
  lookup?: LookupAll;
}

export interface HttpRequest {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse<T> {
  status: number;
  headers: AnswerHeaders;
  body: T;
}

/** Sends a request and returns the body as text for any 2xx; everything else is an error. */
export async function requestText(
  url: URL | string,
  request: HttpRequest,
  options: HttpOptions = {},
): Promise<Result<HttpResponse<string>>> {
  const limits = limitsFrom(options);
  const answer = await transportFor(options.fetch)(url, { ...request, method: request.method ?? "GET" }, limits, {
    policy: options.policy ?? STRICT_URL_POLICY,
    ...(options.lookup && { resolve: options.lookup }),
  });
  if (answer.status !== undefined && isRedirect(answer.status)) return fail(redirectError(answer.status));
  if (!answer.ok) {
    if (answer.kind === "timeout") return fail(timeoutError());
    if (answer.kind === "network") return fail(networkError());
    if (answer.kind === "refused") return fail(urlPolicyError("the address, or an address its host name resolves to, is not allowed"));
    return fail(invalidResponse(`the response is larger than ${limits.maxBytes} bytes`, answer.status));
  }
  const { status, headers, text } = answer;
  if (status < 200 || status >= 300) {
    const now = options.now?.() ?? new Date();
    return fail(errorFromResponse(status, headers, text, now));
  }
  return ok({ status, headers, body: text });
}

/** Like requestText, but the 2xx body must be JSON (not an HTML page, not empty). */
export async function requestJson(
  url: URL | string,
  request: HttpRequest,
  options: HttpOptions = {},
): Promise<Result<HttpResponse<unknown>>> {
  const response = await requestText(url, request, options);
  if (!response.ok) return response;
  const { status, headers, body } = response.value;
  if (looksLikeHtml(body, headers.get("content-type"))) {
    return fail(invalidResponse("the server sent a web page instead of data", status));
  }
  if (body.trim() === "") return fail(invalidResponse("the response was empty", status));
  try {
    return ok({ status, headers, body: JSON.parse(body) as unknown });
  } catch {
    return fail(invalidResponse("the response is not valid JSON", status));
  }
}

/** Headers for a form-encoded POST that expects JSON back. */
export function formHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
    ...extra,
  };
}
