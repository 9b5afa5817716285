/**
 * Bounded HTTP to a health system: every request has a timeout and a response-size cap, and
 * redirects are never followed (a 3xx is a failure). Non-2xx answers become typed errors.
 */
import { errorFromResponse, looksLikeHtml, readBodyText, whenAborted } from "./http-body";
import {
  fail,
  invalidResponse,
  networkError,
  ok,
  redirectError,
  timeoutError,
  type Result,
} from "./result";

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 1_048_576;

/** Options every network call in lib/smart accepts. */
export interface HttpOptions {
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Whole request, body included. Default 10 s. */
  timeoutMs?: number;
  /** Response body cap in bytes. Default 1 MB. */
  maxBytes?: number;
  /** Clock for Retry-After dates, token expiry and assertion times. Default: the system clock. */
  now?: () => Date;
}

export interface HttpRequest {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Sends a request and returns the body as text for any 2xx; everything else is an error. */
export async function requestText(
  url: URL | string,
  request: HttpRequest,
  options: HttpOptions = {},
): Promise<Result<HttpResponse<string>>> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const now = options.now ?? (() => new Date());
  let response: Response;
  try {
    const answer = await Promise.race([
      fetchImpl(url, {
        method: request.method ?? "GET",
        ...(request.headers && { headers: request.headers }),
        ...(request.body !== undefined && { body: request.body }),
        redirect: "manual",
        signal,
      }),
      whenAborted(signal),
    ]);
    if (answer === "aborted") return fail(timeoutError());
    response = answer;
  } catch {
    return fail(signal.aborted ? timeoutError() : networkError());
  }
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
    void response.body?.cancel().catch(() => {});
    return fail(redirectError(response.status));
  }
  const text = await readBodyText(response, options.maxBytes ?? DEFAULT_MAX_BYTES, signal);
  if (!text.ok) return text;
  if (response.status < 200 || response.status >= 300) {
    return fail(errorFromResponse(response.status, response.headers, text.value, now()));
  }
  return ok({ status: response.status, headers: response.headers, body: text.value });
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
