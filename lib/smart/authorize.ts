/**
 * Steps 2 and 3 of the walkthrough: send the participant to the health system's authorize
 * endpoint (always with PKCE S256 and `aud`), and read the code from the callback.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { SmartConfiguration } from "./discovery-documents";
import { cleanDescription } from "./http-body";
import { OAUTH_ERROR_CODE_PATTERN, fail, invalidResponse, oauthError, ok, type Result } from "./result";

export interface AuthorizeUrlParams {
  config: SmartConfiguration;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge: string;
  /** The FHIR base URL the token is for. Default: config.fhirBaseUrl (SMART 2.x requires it to match). */
  aud?: string;
}

export function authorizeUrl(params: AuthorizeUrlParams): URL {
  const url = new URL(params.config.authorizationEndpoint);
  const query: Record<string, string> = {
    response_type: "code",
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope,
    state: params.state,
    aud: params.aud ?? params.config.fhirBaseUrl,
    code_challenge: params.codeChallenge,
    code_challenge_method: "S256",
  };
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(verifier))). */
export function codeChallengeFor(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** A PKCE pair: a 43-character verifier (32 random bytes) and its S256 challenge. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: codeChallengeFor(verifier) };
}

/** An unguessable state value: 32 random bytes (256 bits), base64url. */
export function createState(): string {
  return randomBytes(32).toString("base64url");
}

function sameState(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Reads the redirect back from the authorize endpoint. A code needs the exact expected state.
 * An error is accepted with the expected state or with none at all (S4S sends access_denied
 * without state), but never with a different state.
 */
export function authorizationResponse(callbackUrl: URL | string, expectedState: string): Result<{ code: string }> {
  const params = new URL(callbackUrl).searchParams;
  const state = params.get("state");
  const error = params.get("error");
  if (error !== null) {
    if (state !== null && !sameState(state, expectedState)) {
      return fail(invalidResponse("authorization response: state does not match"));
    }
    if (!OAUTH_ERROR_CODE_PATTERN.test(error)) return fail(invalidResponse("authorization response: malformed error"));
    const description = cleanDescription(params.get("error_description"));
    return fail(oauthError(error, description === undefined ? {} : { description }));
  }
  const code = params.get("code");
  if (code === null || code === "" || code.length > 4096) {
    return fail(invalidResponse("authorization response: code is missing"));
  }
  if (state === null || !sameState(state, expectedState)) {
    return fail(invalidResponse("authorization response: state does not match"));
  }
  return ok({ code });
}
