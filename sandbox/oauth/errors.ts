/** OAuth 2.0 (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 7009) error values and their JSON responses. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "access_denied"
  | "unsupported_response_type"
  | "server_error"
  | "temporarily_unavailable"
  | "invalid_client_metadata"
  | "invalid_redirect_uri"
  | "unsupported_token_type";

export interface OAuthError {
  error: OAuthErrorCode;
  description: string;
  /** HTTP status; 401 for invalid_client, 400 otherwise. */
  status?: ContentfulStatusCode;
}

export const oauthError = (error: OAuthErrorCode, description: string, status?: ContentfulStatusCode): OAuthError => ({
  error,
  description,
  ...(status ? { status } : {}),
});

export function oauthErrorResponse(c: Context, e: OAuthError): Response {
  const status = e.status ?? (e.error === "invalid_client" ? 401 : 400);
  c.header("Cache-Control", "no-store");
  c.header("Pragma", "no-cache");
  if (status === 401) c.header("WWW-Authenticate", 'Basic realm="sandbox"');
  return c.json({ error: e.error, error_description: e.description }, status);
}

/** `405 Method Not Allowed` with an `Allow` header, as an OAuth-style JSON error. */
export function methodNotAllowed(allowed: string[]) {
  return (c: Context): Response => {
    c.header("Allow", allowed.join(", "));
    return c.json({ error: "invalid_request", error_description: `Use ${allowed.join(" or ")}.` }, 405);
  };
}
