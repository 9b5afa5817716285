/**
 * Reading what a health system sends back: HTML pages posing as data, OAuth error bodies
 * (RFC 6749 §5.2) and the Retry-After header. Everything here treats the body as hostile.
 */
import { z } from "zod";
import { parseRetryAfter, type AnswerHeaders } from "../ehr-http";
import { httpError, OAUTH_ERROR_CODE_PATTERN, oauthError, type SmartError } from "./result";

/** True when a body is an HTML page (a proxy or login page) rather than data. */
export function looksLikeHtml(text: string, contentType: string | null): boolean {
  return /^\s*</.test(text) || (contentType ?? "").toLowerCase().includes("text/html");
}

const OAuthErrorBody = z.object({
  error: z.string().regex(OAUTH_ERROR_CODE_PATTERN),
  error_description: z.unknown().optional(),
});

/**
 * Cleans a server's error_description for logs: printable ASCII only, at most 300 characters.
 * It is still server-chosen text (it may echo what we sent): log it, never show it.
 */
export function cleanDescription(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const cleaned = value.replace(/[^\x20-\x7E]/g, "").trim().slice(0, 300);
  return cleaned === "" ? undefined : cleaned;
}

/** Reads parsed JSON as an OAuth error body ({ error, error_description? }), if it is one. */
export function oauthErrorFromJson(
  json: unknown,
  extra: { status?: number; retryAfterSeconds?: number } = {},
): SmartError | undefined {
  const parsed = OAuthErrorBody.safeParse(json);
  if (!parsed.success) return undefined;
  const description = cleanDescription(parsed.data.error_description);
  return oauthError(parsed.data.error, { ...extra, ...(description !== undefined && { description }) });
}

/** Parses a text body as an OAuth error, if it is one. */
export function parseOAuthError(
  text: string,
  extra: { status?: number; retryAfterSeconds?: number } = {},
): SmartError | undefined {
  try {
    return oauthErrorFromJson(JSON.parse(text), extra);
  } catch {
    return undefined;
  }
}

/** The error for a non-2xx response: an OAuth error when the body is one, else an HTTP error. */
export function errorFromResponse(status: number, headers: AnswerHeaders, text: string, now: Date): SmartError {
  const retryAfterSeconds = parseRetryAfter(headers.get("retry-after"), now);
  const extra = { status, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
  if (!looksLikeHtml(text, headers.get("content-type"))) {
    const oauth = parseOAuthError(text, extra);
    if (oauth) return oauth;
  }
  return httpError(status, retryAfterSeconds);
}
