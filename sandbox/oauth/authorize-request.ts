/**
 * Validates an authorization request before anyone is asked to sign in.
 * Unknown client or unregistered redirect_uri: an error page (never a redirect). Anything else: an error redirect with state.
 */
import type { Client, Profile } from "../state/model";
import type { Store } from "../state/store";
import { singleValued } from "../util/http";
import { fail, ok, type Result } from "../util/result";
import type { OAuthErrorCode } from "./errors";
import { S256_CHALLENGE } from "./pkce";
import { isSupportedV2Scope, splitScope, withinScope } from "./scopes";

export interface ValidAuthorizeRequest {
  client: Client;
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge: string | null;
}

export type AuthorizeProblem =
  | { kind: "page"; title: string; message: string }
  | { kind: "redirect"; redirectUri: string; error: OAuthErrorCode; description: string; state: string | undefined };

/** The redirect URI with parameters added (its own query kept). */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

export function validateAuthorizeRequest(
  search: URLSearchParams,
  profile: Profile,
  store: Store,
  fhirBase: string,
): Result<ValidAuthorizeRequest, AuthorizeProblem> {
  const page = (title: string, message: string) => fail<AuthorizeProblem>({ kind: "page", title, message });
  for (const key of ["client_id", "redirect_uri"]) {
    if (search.getAll(key).length > 1) return page("Invalid request", `The parameter ${key} appears more than once.`);
  }
  const clientId = search.get("client_id");
  if (!clientId) return page("Unknown app", "The request names no app (client_id is missing).");
  const client = store.client(clientId);
  if (!client || client.profile !== profile) return page("Unknown app", "The app asking for access is not registered with this sandbox.");
  const redirectUri = search.get("redirect_uri");
  if (!redirectUri) return page("Invalid request", "The request has no redirect_uri.");
  if (!client.redirectUris.includes(redirectUri)) {
    return page("Invalid redirect", "The redirect_uri is not one the app registered, so the sandbox will not send you there.");
  }
  const state = search.get("state") ?? undefined;
  const redirect = (error: OAuthErrorCode, description: string) =>
    fail<AuthorizeProblem>({ kind: "redirect", redirectUri, error, description, state });
  const single = singleValued(search);
  if (!single.ok) return redirect("invalid_request", single.error);
  const responseType = search.get("response_type");
  if (!responseType) return redirect("invalid_request", "response_type is required.");
  if (responseType !== "code") return redirect("unsupported_response_type", "Only response_type=code is supported.");
  if (!state) return redirect("invalid_request", "state is required.");
  const scopes = splitScope(search.get("scope") ?? "");
  if (scopes.length === 0) return redirect("invalid_scope", "scope is required.");
  if (profile === "smart-v2" && !scopes.every(isSupportedV2Scope)) return redirect("invalid_scope", "A requested scope is not supported.");
  if (!withinScope(profile, scopes, splitScope(client.scope))) return redirect("invalid_scope", "A requested scope was not registered by the app.");
  if (profile === "s4s") {
    // Like the real server: aud and PKCE are ignored.
    return ok({ client, redirectUri, scope: scopes.join(" "), state, codeChallenge: null });
  }
  const aud = search.get("aud");
  if (!aud) return redirect("invalid_request", "aud is required.");
  if (aud !== fhirBase) return redirect("invalid_request", `aud must be this server's FHIR base URL, ${fhirBase}.`);
  const challenge = search.get("code_challenge");
  const method = search.get("code_challenge_method");
  if (!challenge) return redirect("invalid_request", "PKCE is required: send code_challenge and code_challenge_method=S256.");
  if (method !== "S256") return redirect("invalid_request", "code_challenge_method must be S256 (plain is not accepted).");
  if (!S256_CHALLENGE.test(challenge)) return redirect("invalid_request", "code_challenge is not a base64url SHA-256 digest.");
  return ok({ client, redirectUri, scope: scopes.join(" "), state, codeChallenge: challenge });
}
