/**
 * The two grants of the token endpoint. Codes live 100 s and are single use; refresh rotates strictly
 * (the old refresh and access tokens die) and fails once the approval has expired.
 */
import type { SandboxConfig } from "../options";
import type { Client, Grant, TokenPair } from "../state/model";
import type { Store } from "../state/store";
import type { Params } from "../util/http";
import { randomId, randomToken } from "../util/random";
import { fail, ok, type Result } from "../util/result";
import { oauthError, type OAuthError } from "./errors";
import { verifierMatches } from "./pkce";
import { hasRefreshScope, splitScope, withinScope } from "./scopes";

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
  /** smart-v2 only (not in RFC 6749, sent by several real servers): seconds until the approval ends. */
  refresh_token_expires_in?: number;
  patient: string;
}

interface GrantDeps {
  store: Store;
  config: SandboxConfig;
}

/** A fresh token pair. s4s always issues a refresh token; smart-v2 only for offline_access or online_access. */
export function newTokenPair(grant: Pick<Grant, "profile">, scope: string, now: number, lifetimeSeconds: number, style: "s4s" | "uuid" = "s4s"): TokenPair {
  const token = style === "uuid" ? randomId : () => randomToken();
  const refresh = grant.profile === "s4s" || hasRefreshScope(splitScope(scope));
  return { accessToken: token(), refreshToken: refresh ? token() : null, scope, accessExpiresAt: now + lifetimeSeconds * 1000, issuedAt: now };
}

export function tokenResponse(grant: Grant, pair: TokenPair, now: number): TokenResponse {
  return {
    access_token: pair.accessToken,
    token_type: "Bearer",
    expires_in: Math.max(0, Math.round((pair.accessExpiresAt - now) / 1000)),
    scope: pair.scope,
    ...(pair.refreshToken ? { refresh_token: pair.refreshToken } : {}),
    ...(pair.refreshToken && grant.profile === "smart-v2" ? { refresh_token_expires_in: Math.max(0, Math.floor((grant.approvalExpiresAt - now) / 1000)) } : {}),
    patient: grant.patientId,
  };
}

const invalidGrant = (description: string) => fail(oauthError("invalid_grant", description));

export function exchangeCode({ store, config }: GrantDeps, client: Client, form: Params): Result<TokenResponse, OAuthError> {
  const now = config.now();
  const value = form.get("code");
  const redirectUri = form.get("redirect_uri");
  if (!value) return fail(oauthError("invalid_request", "code is required."));
  if (!redirectUri) return fail(oauthError("invalid_request", "redirect_uri is required."));
  const code = store.code(value);
  if (!code || code.draft.profile !== client.profile) return invalidGrant("Unknown authorization code.");
  if (code.draft.clientId !== client.id) return invalidGrant("The authorization code was issued to another client.");
  if (code.usedBy !== null) {
    // RFC 6749 §4.1.2: smart-v2 revokes what the code gave; s4s, like the real server, leaves it alone.
    const issued = client.profile === "smart-v2" ? store.grant(code.usedBy) : undefined;
    if (issued) store.deleteGrant(issued);
    return invalidGrant("The authorization code was already used.");
  }
  if (code.expiresAt <= now) return invalidGrant("The authorization code has expired (codes live 100 seconds).");
  if (code.redirectUri !== redirectUri) return invalidGrant("redirect_uri differs from the one in the authorization request.");
  if (client.profile === "smart-v2") {
    const verifier = form.get("code_verifier");
    if (!verifier) return invalidGrant("code_verifier is required (PKCE).");
    if (!code.codeChallenge || !verifierMatches(verifier, code.codeChallenge)) return invalidGrant("code_verifier does not match the code_challenge.");
  }
  const grant: Grant = { id: randomId(), ...code.draft, createdAt: now, tokens: null };
  store.addGrant(grant);
  const pair = newTokenPair(grant, grant.scope, now, config.accessTokenLifetimeSeconds);
  store.setTokens(grant, pair);
  store.markCodeUsed(code, grant.id);
  return ok(tokenResponse(grant, pair, now));
}

export function refresh({ store, config }: GrantDeps, client: Client, form: Params): Result<TokenResponse, OAuthError> {
  const now = config.now();
  const value = form.get("refresh_token");
  if (!value) return fail(oauthError("invalid_request", "refresh_token is required."));
  const grant = store.grantByRefreshToken(value);
  if (!grant || grant.profile !== client.profile) return invalidGrant("Unknown refresh token (refresh tokens are single use).");
  if (grant.clientId !== client.id) return invalidGrant("The refresh token was issued to another client.");
  if (grant.approvalExpiresAt <= now) return invalidGrant("The participant's approval has expired.");
  const asked = form.get("scope");
  const scope = asked === undefined ? grant.scope : splitScope(asked).join(" ");
  if (!withinScope(grant.profile, splitScope(scope), splitScope(grant.scope)) || scope === "") {
    return fail(oauthError("invalid_scope", "The scope asked for exceeds the scope granted."));
  }
  const pair = newTokenPair(grant, scope, now, config.accessTokenLifetimeSeconds);
  store.setTokens(grant, pair);
  return ok(tokenResponse(grant, pair, now));
}
