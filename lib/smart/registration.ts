/**
 * Step 1 of the walkthrough: register the portal as a client (RFC 7591 dynamic registration).
 * The S4S server ignores token_endpoint_auth_method and makes every client confidential with
 * HTTP Basic; so a returned secret without a method means client_secret_basic.
 */
import type { JWK } from "jose";
import { z } from "zod";
import { TOKEN_ENDPOINT_AUTH_METHODS, type TokenEndpointAuthMethod } from "./client-auth";
import type { SmartConfiguration } from "./discovery-documents";
import { requestJson, type HttpOptions } from "./http";
import { fail, invalidResponse, ok, type Result } from "./result";
import { STRICT_URL_POLICY, checkEndpointUrl, type UrlPolicy } from "../ehr-http/url-policy";
import { parseWith } from "./validate";

export interface ClientRegistration {
  clientId: string;
  clientSecret?: string;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** Seconds since the epoch; 0 means the secret does not expire. */
  clientSecretExpiresAt?: number;
  registrationAccessToken?: string;
  registrationClientUri?: string;
  scope?: string;
  redirectUris: string[];
}

export interface RegisterOptions extends HttpOptions {
  clientName: string;
  redirectUris: string[];
  scope: string;
  /** What we ask for; the server may decide otherwise (S4S always answers client_secret_basic). */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
  /** For private_key_jwt: public keys by value... */
  jwks?: { keys: JWK[] };
  /** ...or by reference (the portal's /.well-known/jwks.json). */
  jwksUri?: string;
  /** Checks registration_client_uri in the answer. Default: STRICT_URL_POLICY. */
  policy?: UrlPolicy;
}

const Secret = z.string().min(1).max(4096);

const RegistrationResponse = z.object({
  client_id: z.string().min(1).max(512),
  client_secret: Secret.optional(),
  token_endpoint_auth_method: z.string().max(64).optional(),
  client_secret_expires_at: z.number().int().nonnegative().optional(),
  registration_access_token: Secret.optional(),
  registration_client_uri: z.string().max(2048).optional(),
  scope: z.string().max(4096).optional(),
  redirect_uris: z.array(z.string().max(2048)).max(50).optional(),
});

const CONFIDENTIAL: readonly TokenEndpointAuthMethod[] = ["client_secret_basic", "client_secret_post"];

export async function register(config: SmartConfiguration, options: RegisterOptions): Promise<Result<ClientRegistration>> {
  if (!config.registrationEndpoint) {
    return fail({
      ...invalidResponse("the health system does not offer dynamic client registration"),
      message: "Your health system does not let research apps register themselves; study staff must register the study there.",
    });
  }
  const requested = options.tokenEndpointAuthMethod;
  const body = {
    client_name: options.clientName,
    redirect_uris: options.redirectUris,
    scope: options.scope,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    ...(requested && { token_endpoint_auth_method: requested }),
    ...(options.jwks && { jwks: options.jwks }),
    ...(options.jwksUri && { jwks_uri: options.jwksUri }),
  };
  const response = await requestJson(
    config.registrationEndpoint,
    { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) },
    options,
  );
  if (!response.ok) return response;
  if (response.value.status !== 200 && response.value.status !== 201) {
    return fail(invalidResponse(`registration answered with status ${response.value.status}`, response.value.status));
  }
  const parsed = parseWith(RegistrationResponse, response.value.body, "registration response");
  if (!parsed.ok) return parsed;
  const r = parsed.value;

  const method = decideMethod(r.token_endpoint_auth_method, r.client_secret !== undefined, requested);
  if (!method.ok) return method;
  if (r.registration_client_uri !== undefined) {
    const uri = checkEndpointUrl(r.registration_client_uri, options.policy ?? STRICT_URL_POLICY, "registration_client_uri");
    if (!uri.ok) return fail(uri.error);
  }
  return ok({
    clientId: r.client_id,
    tokenEndpointAuthMethod: method.value,
    redirectUris: r.redirect_uris ?? options.redirectUris,
    ...(r.client_secret !== undefined && { clientSecret: r.client_secret }),
    ...(r.client_secret_expires_at !== undefined && { clientSecretExpiresAt: r.client_secret_expires_at }),
    ...(r.registration_access_token !== undefined && { registrationAccessToken: r.registration_access_token }),
    ...(r.registration_client_uri !== undefined && { registrationClientUri: r.registration_client_uri }),
    ...(r.scope !== undefined && { scope: r.scope }),
  });
}

/** The server's word wins; without one, a secret means Basic (S4S), else what we asked for. */
function decideMethod(
  returned: string | undefined,
  hasSecret: boolean,
  requested: TokenEndpointAuthMethod | undefined,
): Result<TokenEndpointAuthMethod> {
  let method: TokenEndpointAuthMethod;
  if (returned !== undefined) {
    const known = TOKEN_ENDPOINT_AUTH_METHODS.find((m) => m === returned);
    if (!known) return fail(invalidResponse("registration response: unsupported token_endpoint_auth_method"));
    method = known;
  } else if (hasSecret) method = "client_secret_basic";
  else method = requested ?? "client_secret_basic";
  if (CONFIDENTIAL.includes(method) && !hasSecret) {
    return fail(invalidResponse("registration response: client_secret is missing for a confidential client"));
  }
  return ok(method);
}
