/**
 * Step 4 of the walkthrough and what follows: exchange the code for tokens, refresh them, and
 * revoke them (RFC 7009). The client authenticates as registered (S4S: HTTP Basic).
 */
import { basicEncodingMatters, clientAuthentication, type BasicAuthEncoding, type ClientCredentials } from "./client-auth";
import type { SmartConfiguration } from "./discovery-documents";
import { formHeaders, requestJson, requestText, type HttpOptions, type HttpRequest } from "./http";
import { ok, type Result } from "./result";
import { parseTokenResponse, type TokenSet } from "./token-response";

export type { TokenSet } from "./token-response";

interface TokenRequestBase extends HttpOptions {
  config: Pick<SmartConfiguration, "tokenEndpoint" | "revocationEndpoint">;
  client: ClientCredentials;
  /**
   * Called when the token endpoint refused the client's Basic credentials in one encoding and
   * accepted them in the other (see {@link tokenRequest}): remember it for the health system.
   */
  onBasicAuthEncoding?: (encoding: BasicAuthEncoding) => void;
}

export interface ExchangeCodeParams extends TokenRequestBase {
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

export interface RefreshParams extends TokenRequestBase {
  refreshToken: string;
  /** A subset of the granted scope, to narrow the new access token. */
  scope?: string;
}

export interface RevokeParams extends TokenRequestBase {
  token: string;
  tokenTypeHint?: "refresh_token" | "access_token";
}

const clock = (params: HttpOptions) => (params.now ?? (() => new Date()))();

/** A form POST to `endpoint` carrying the client authentication. */
async function formRequest(endpoint: string, params: TokenRequestBase, form: Record<string, string>): Promise<HttpRequest> {
  const auth = await clientAuthentication(params.client, endpoint, clock(params));
  const body = new URLSearchParams({ ...form, ...auth.params }).toString();
  return { method: "POST", headers: formHeaders(auth.headers), body };
}

/**
 * A token request. A server that compares the raw decoded Basic credentials (smart-launcher-v2,
 * several real EHRs) answers invalid_client to RFC 6749's form-encoded ones when the secret has a
 * `+`, `/` or `=`; one that follows the RFC refuses raw ones. So on invalid_client with
 * client_secret_basic and credentials that the encoding changes, the request is sent once more in
 * the other encoding, and `onBasicAuthEncoding` learns which one worked.
 */
async function tokenRequest(params: TokenRequestBase, form: Record<string, string>): Promise<Result<TokenSet>> {
  const endpoint = params.config.tokenEndpoint;
  const first = await requestJson(endpoint, await formRequest(endpoint, params, form), params);
  const { client } = params;
  const refusedClient = !first.ok && first.error.kind === "oauth" && first.error.code === "invalid_client";
  let response = first;
  if (refusedClient && client.tokenEndpointAuthMethod === "client_secret_basic" && basicEncodingMatters(client.clientId, client.clientSecret)) {
    const other: BasicAuthEncoding = client.basicAuthEncoding === "raw" ? "form" : "raw";
    const retried = await requestJson(endpoint, await formRequest(endpoint, { ...params, client: { ...client, basicAuthEncoding: other } }, form), params);
    if (retried.ok || !(retried.error.kind === "oauth" && retried.error.code === "invalid_client")) {
      if (retried.ok) params.onBasicAuthEncoding?.(other);
      response = retried;
    }
  }
  if (!response.ok) return response;
  return parseTokenResponse(response.value.body, response.value.status, clock(params));
}

/** Exchanges an authorization code (with its PKCE verifier) for tokens. Codes are single use. */
export function exchangeCode(params: ExchangeCodeParams): Promise<Result<TokenSet>> {
  return tokenRequest(params, {
    grant_type: "authorization_code",
    code: params.code,
    redirect_uri: params.redirectUri,
    code_verifier: params.codeVerifier,
  });
}

/**
 * Gets a new access token. Servers like S4S rotate strictly: store the new refresh token
 * atomically before anything else. If the answer has no refresh_token (refreshToken is
 * undefined), keep using the old one (RFC 6749 §6).
 */
export function refresh(params: RefreshParams): Promise<Result<TokenSet>> {
  return tokenRequest(params, {
    grant_type: "refresh_token",
    refresh_token: params.refreshToken,
    ...(params.scope !== undefined && { scope: params.scope }),
  });
}

/**
 * Revokes a token (RFC 7009). "not-supported" when the health system has no revocation
 * endpoint (S4S: the participant revokes on the health system's own "manage" page instead).
 */
export async function revoke(params: RevokeParams): Promise<Result<"revoked" | "not-supported">> {
  const endpoint = params.config.revocationEndpoint;
  if (!endpoint) return ok("not-supported");
  const request = await formRequest(endpoint, params, {
    token: params.token,
    ...(params.tokenTypeHint && { token_type_hint: params.tokenTypeHint }),
  });
  const response = await requestText(endpoint, request, params);
  return response.ok ? ok("revoked") : response;
}
