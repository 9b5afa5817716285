/**
 * How the portal proves who it is at the token, revocation and introspection endpoints:
 * client_secret_basic (the S4S walkthrough's HTTP Basic), client_secret_post, none (public
 * client) and private_key_jwt (SMART asymmetric client authentication, signed with jose).
 */
import { randomBytes } from "node:crypto";
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

export type TokenEndpointAuthMethod = "client_secret_basic" | "client_secret_post" | "none" | "private_key_jwt";

export const TOKEN_ENDPOINT_AUTH_METHODS: readonly TokenEndpointAuthMethod[] = [
  "client_secret_basic",
  "client_secret_post",
  "none",
  "private_key_jwt",
];

export type ClientKeyAlgorithm = "ES384" | "RS384";

/** A registered client as the token functions need it. A ClientRegistration fits, plus privateJwk for private_key_jwt. */
export interface ClientCredentials {
  clientId: string;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** Required for client_secret_basic and client_secret_post. */
  clientSecret?: string;
  /** Required for private_key_jwt: a private JWK with `alg` (ES384 or RS384) and `kid`. */
  privateJwk?: JWK;
  /**
   * client_secret_basic only: "form" (default) form-encodes id and secret before Base64, as RFC 6749
   * §2.3.1 says; "raw" sends them as they are, for servers that compare the raw decoded value
   * (smart-launcher-v2 and several real ones). See {@link basicEncodingMatters}.
   */
  basicAuthEncoding?: BasicAuthEncoding;
}

export type BasicAuthEncoding = "form" | "raw";

/** What to add to a token-endpoint request: headers and form parameters. */
export interface ClientAuthentication {
  headers: Record<string, string>;
  params: Record<string, string>;
}

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ASSERTION_LIFETIME_SECONDS = 240; // SMART: exp no more than five minutes ahead

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/**
 * True when form-encoding changes the client id or secret (a `+`, `/`, `=`, space, `%`…): only
 * then do servers that compare raw values and servers that follow RFC 6749 §2.3.1 disagree.
 */
export function basicEncodingMatters(clientId: string, clientSecret: string | undefined): boolean {
  return formEncode(clientId) !== clientId || (clientSecret !== undefined && formEncode(clientSecret) !== clientSecret);
}

/**
 * Builds the client authentication for a request to `audience` (the endpoint URL).
 * Throws on missing credentials: that is a configuration bug, not a health-system failure.
 */
export async function clientAuthentication(
  client: ClientCredentials,
  audience: string,
  now: Date = new Date(),
): Promise<ClientAuthentication> {
  const { clientId, clientSecret } = client;
  switch (client.tokenEndpointAuthMethod) {
    case "client_secret_basic": {
      if (!clientSecret) throw new Error("client_secret_basic needs a client secret");
      const encode = client.basicAuthEncoding === "raw" ? (value: string) => value : formEncode;
      const basic = Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64");
      return { headers: { Authorization: `Basic ${basic}` }, params: {} };
    }
    case "client_secret_post":
      if (!clientSecret) throw new Error("client_secret_post needs a client secret");
      return { headers: {}, params: { client_id: clientId, client_secret: clientSecret } };
    case "none":
      return { headers: {}, params: { client_id: clientId } };
    case "private_key_jwt": {
      if (!client.privateJwk) throw new Error("private_key_jwt needs a private JWK");
      const assertion = await signClientAssertion(clientId, client.privateJwk, audience, now);
      return { headers: {}, params: { client_assertion_type: ASSERTION_TYPE, client_assertion: assertion } };
    }
  }
}

/** A client assertion: iss = sub = client id, aud = endpoint, 4-minute exp, random jti. */
export async function signClientAssertion(clientId: string, privateJwk: JWK, audience: string, now: Date): Promise<string> {
  const alg = privateJwk.alg;
  if (alg !== "ES384" && alg !== "RS384") throw new Error("the private JWK must have alg ES384 or RS384");
  if (!privateJwk.kid) throw new Error("the private JWK must have a kid");
  const key = await importJWK(privateJwk, alg);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg, kid: privateJwk.kid, typ: "JWT" })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .setJti(randomBytes(16).toString("base64url"))
    .sign(key);
}

/**
 * A new signing key pair for private_key_jwt. Store privateJwk encrypted; publish publicJwk
 * in the portal's JWKS (/.well-known/jwks.json). kid is the RFC 7638 thumbprint.
 */
export async function generateClientKeyPair(alg: ClientKeyAlgorithm): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    privateJwk: { ...privateJwk, kid, alg, use: "sig" },
    publicJwk: { ...publicJwk, kid, alg, use: "sig" },
  };
}
