import { randomBytes } from "node:crypto";
/**
 * RFC 7591 dynamic registration, open (no initial access token).
 * s4s answers exactly like the real server (every client confidential, other fields ignored);
 * smart-v2 honours `token_endpoint_auth_method`, `jwks` and `jwks_uri`.
 */
import { z } from "zod";
import { authMethodSchema, jwkSetSchema, type Client, type Profile } from "../state/model";
import { randomId } from "../util/random";
import { fail, ok, type Result } from "../util/result";
import { oauthError, type OAuthError } from "./errors";
import { isScopeSyntax, isSupportedV2Scope, splitScope } from "./scopes";

const DEFAULT_SCOPE: Record<Profile, string> = {
  s4s: "launch/patient patient/*.read offline_access",
  "smart-v2": "launch/patient patient/*.rs offline_access",
};

const metadataSchema = z.object({
  redirect_uris: z.array(z.string().max(2000)).min(1).max(20),
  client_name: z.string().max(200).optional(),
  scope: z.string().max(2000).optional(),
  token_endpoint_auth_method: authMethodSchema.optional(),
  grant_types: z.array(z.enum(["authorization_code", "refresh_token"])).optional(),
  response_types: z.array(z.literal("code")).optional(),
  jwks: jwkSetSchema.optional(),
  jwks_uri: z.string().max(2000).optional(),
});

const bad = (description: string) => fail(oauthError("invalid_client_metadata", description));

function redirectUriProblem(uri: string): string | undefined {
  if (!URL.canParse(uri) || !/^[a-z][a-z0-9+.-]*:/i.test(uri)) return `The redirect URI "${uri}" has no scheme.`;
  if (uri.includes("#")) return `The redirect URI "${uri}" has a fragment.`;
  return undefined;
}

function metadataProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "The client metadata is not valid.";
}

/** `base64Secret`: a secret like smart-launcher-v2's, Base64 with `+`, `/` and `=` (see rawBasicCredentials). */
export function registerClient(profile: Profile, body: Record<string, unknown>, now: number, base64Secret = false): Result<Client, OAuthError> {
  if (!Array.isArray(body.redirect_uris) || body.redirect_uris.length === 0) return bad("redirect_uris is required.");
  // The real s4s server ignores fields it does not know, so only its three fields are read there.
  const input = profile === "s4s" ? { redirect_uris: body.redirect_uris, client_name: body.client_name, scope: body.scope } : body;
  const parsed = metadataSchema.safeParse(input);
  if (!parsed.success) return bad(metadataProblem(parsed.error));
  const m = parsed.data;
  for (const uri of m.redirect_uris) {
    const problem = redirectUriProblem(uri);
    if (problem) return fail(oauthError("invalid_redirect_uri", problem));
  }
  const scope = m.scope === undefined ? DEFAULT_SCOPE[profile] : splitScope(m.scope).join(" ");
  if (!isScopeSyntax(scope)) return bad("scope is not a valid list of scopes.");
  if (profile === "smart-v2") {
    const unsupported = splitScope(scope).filter((s) => !isSupportedV2Scope(s));
    if (unsupported.length > 0) return bad(`Unsupported scope: ${unsupported.join(" ")}.`);
  }
  const method = profile === "s4s" ? "client_secret_basic" : (m.token_endpoint_auth_method ?? "client_secret_basic");
  if (method === "private_key_jwt") {
    if (!m.jwks === !m.jwks_uri) return bad("private_key_jwt needs exactly one of jwks and jwks_uri.");
    if (m.jwks_uri && (!URL.canParse(m.jwks_uri) || !/^https?:/.test(m.jwks_uri))) return bad("jwks_uri must be an http(s) URL.");
    if (m.jwks?.keys.some((k) => "d" in k)) return bad("jwks must hold public keys only.");
  } else if (m.jwks || m.jwks_uri) {
    return bad("jwks and jwks_uri are only for private_key_jwt.");
  }
  const id = randomId();
  return ok({
    id,
    profile,
    name: m.client_name ?? id,
    secret: method === "client_secret_basic" || method === "client_secret_post" ? (base64Secret ? base64SecretFor(id) : randomId()) : null,
    authMethod: method,
    redirectUris: m.redirect_uris,
    scope,
    jwks: m.jwks ?? null,
    jwksUri: m.jwks_uri ?? null,
    issuedAt: now,
  });
}

/** The registration response: exactly the real server's fields under s4s; RFC 7591 fields under smart-v2. */
export function registrationResponse(client: Client): Record<string, unknown> {
  const common = {
    client_id: client.id,
    client_name: client.name,
    ...(client.secret ? { client_secret: client.secret, client_secret_expires_at: 0 } : {}),
    redirect_uris: client.redirectUris,
    scope: client.scope,
  };
  if (client.profile === "s4s") return common;
  return {
    ...common,
    client_id_issued_at: Math.floor(client.issuedAt / 1000),
    token_endpoint_auth_method: client.authMethod,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    ...(client.jwks ? { jwks: client.jwks } : {}),
    ...(client.jwksUri ? { jwks_uri: client.jwksUri } : {}),
  };
}

/** A Base64 secret that always holds `+`, `/` and `=`: what form-encoding changes. */
function base64SecretFor(id: string): string {
  return `${randomBytes(16).toString("base64").slice(0, 20)}+/${id.slice(0, 4)}==`;
}
