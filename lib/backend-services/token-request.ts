/**
 * The token endpoint of SMART Backend Services: `grant_type=client_credentials` with a signed
 * client assertion and the scopes asked for; answers with a short-lived bearer token or an OAuth
 * error (RFC 6749 §5.2) — never a 500. Framework-free (standard Request/Response).
 */
import { ASSERTION_TYPE, verifyClientAssertion, type AssertionDependencies, type RegisteredClient } from "./assertion";
import { grantScopes } from "./scopes";

export const ACCESS_TOKEN_SECONDS = 300;
const MAX_FORM_BYTES = 64 * 1024;

export interface TokenEndpointDependencies extends AssertionDependencies {
  /** Stores a new token for the client (hashed) and returns it. */
  issueToken(client: RegisteredClient, scope: string, expiresAt: Date): Promise<string>;
}

type OAuthErrorCode = "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export function oauthErrorResponse(error: OAuthErrorCode, description: string): Response {
  return Response.json({ error, error_description: description }, { status: error === "invalid_client" ? 401 : 400, headers: NO_STORE });
}

async function readForm(request: Request): Promise<URLSearchParams | string> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return "Send the token request as application/x-www-form-urlencoded.";
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) return "The token request is too large.";
  const text = await request.text();
  if (text.length > MAX_FORM_BYTES) return "The token request is too large.";
  return new URLSearchParams(text);
}

/** Exactly one value of a form parameter (repeated parameters are refused, RFC 6749 §3.2). */
function single(form: URLSearchParams, name: string): string | undefined | null {
  const values = form.getAll(name);
  if (values.length > 1) return null;
  return values[0];
}

export async function handleTokenRequest(request: Request, tokenUrl: string, deps: TokenEndpointDependencies): Promise<Response> {
  const form = await readForm(request);
  if (typeof form === "string") return oauthErrorResponse("invalid_request", form);
  const params: Record<string, string | undefined> = {};
  for (const name of ["grant_type", "client_assertion_type", "client_assertion", "scope", "client_id"]) {
    const value = single(form, name);
    if (value === null) return oauthErrorResponse("invalid_request", `Send ${name} once.`);
    params[name] = value;
  }
  if (!params.grant_type) return oauthErrorResponse("invalid_request", "grant_type is missing; SMART Backend Services uses grant_type=client_credentials.");
  if (params.grant_type !== "client_credentials") return oauthErrorResponse("unsupported_grant_type", "This token endpoint supports grant_type=client_credentials only.");
  if (params.client_assertion_type !== ASSERTION_TYPE) return oauthErrorResponse("invalid_request", `client_assertion_type must be ${ASSERTION_TYPE}.`);
  if (!params.client_assertion) return oauthErrorResponse("invalid_request", "client_assertion is missing.");
  if (!params.scope?.trim()) return oauthErrorResponse("invalid_request", "scope is missing; ask for system/*.read (or system/*.rs).");

  const verified = await verifyClientAssertion(params.client_assertion, tokenUrl, deps, params.client_id);
  if (!verified.ok) return oauthErrorResponse("invalid_client", verified.description);

  const granted = grantScopes(params.scope.slice(0, 2_000), verified.client.scope);
  if (!granted) return oauthErrorResponse("invalid_scope", "None of the scopes asked for can be granted; ask for system/*.read or system/*.rs (or system/<Type>.read).");
  const scope = granted.join(" ");
  const expiresAt = new Date(deps.now().getTime() + ACCESS_TOKEN_SECONDS * 1000);
  const accessToken = await deps.issueToken(verified.client, scope, expiresAt);
  return Response.json({ access_token: accessToken, token_type: "bearer", expires_in: ACCESS_TOKEN_SECONDS, scope }, { headers: NO_STORE });
}
