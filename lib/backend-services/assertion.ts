/**
 * Checks a SMART Backend Services client assertion (private_key_jwt, RFC 7523), as the SMART App
 * Launch 2 "client-confidential-asymmetric" profile says: RS384 or ES384 only (never `none` or an
 * HMAC), `iss` = `sub` = a registered client, `aud` = our token URL, `exp` at most five minutes
 * ahead, a `jti` never seen before for that client, and the `kid` found (exactly once, of the
 * right key type) in the client's JWK Set — the one it registered, or the one at its JWKS URL
 * (a `jku` header must be that URL). Framework-free: storage and fetching are injected.
 */
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from "jose";
import type { PublicJwks } from "./jwks";

export const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const ASSERTION_ALGORITHMS = ["RS384", "ES384"] as const;
const MAX_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_ASSERTION_LENGTH = 16_384;

export type RegisteredClient = { id: string; name: string; scope: string; jwksUrl: string | null; jwks: PublicJwks | null; disabled: boolean };

export interface AssertionDependencies {
  findClient(clientId: string): Promise<RegisteredClient | null>;
  /** The key set at the client's JWKS URL; `fresh`: skip any cached copy (its keys may have rotated). */
  jwksFromUrl(client: RegisteredClient, fresh: boolean): Promise<{ ok: true; jwks: PublicJwks } | { ok: false; message: string }>;
  /** Records (clientId, jti) until `expiresAt`; false when it was already recorded (a replay). */
  rememberJti(clientId: string, jti: string, expiresAt: Date): Promise<boolean>;
  now(): Date;
}

export type AssertionOutcome = { ok: true; client: RegisteredClient } | { ok: false; description: string };

const refuse = (description: string): AssertionOutcome => ({ ok: false, description });

/** The one key whose kid matches and whose type fits the algorithm, public members only. */
export function selectKey(jwks: PublicJwks, kid: string, alg: string): JWK | "none" | "several" {
  const wanted = alg === "RS384" ? "RSA" : "EC";
  const candidates = jwks.keys.filter(
    (k) =>
      k.kid === kid &&
      k.kty === wanted &&
      (wanted === "RSA" || k.crv === "P-384") &&
      (k.alg === undefined || k.alg === alg) &&
      (k.use === undefined || k.use === "sig") &&
      (k.key_ops === undefined || k.key_ops.includes("verify")),
  );
  if (candidates.length === 0) return "none";
  if (candidates.length > 1) return "several";
  const k = candidates[0]!;
  return wanted === "RSA" ? { kty: "RSA", n: k.n, e: k.e } : { kty: "EC", crv: "P-384", x: k.x, y: k.y };
}

export async function verifyClientAssertion(assertion: string, tokenUrl: string, deps: AssertionDependencies, clientIdParam?: string): Promise<AssertionOutcome> {
  if (assertion.length > MAX_ASSERTION_LENGTH) return refuse("The client assertion is too long.");
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    return refuse("The client assertion is not a signed JWT.");
  }
  const alg = header.alg;
  if (alg !== "RS384" && alg !== "ES384") return refuse(`The client assertion must be signed with RS384 or ES384 (it says ${String(alg).slice(0, 20)}).`);
  if (header.typ !== undefined && header.typ.toUpperCase() !== "JWT") return refuse('The client assertion\'s header must say typ "JWT".');
  if (typeof header.kid !== "string" || header.kid === "") return refuse("The client assertion's header has no kid.");
  if (typeof claims.iss !== "string" || claims.iss !== claims.sub) return refuse("The client assertion's iss and sub must both be the client id.");
  if (clientIdParam !== undefined && clientIdParam !== claims.iss) return refuse("client_id does not match the client assertion's iss.");

  const client = await deps.findClient(claims.iss.slice(0, 100));
  if (!client) return refuse("The client assertion names a client this server does not know.");
  if (client.disabled) return refuse("This research client has been disabled by the study's administrators.");
  if (header.jku !== undefined && header.jku !== client.jwksUrl) return refuse("The client assertion's jku is not the JWKS URL registered for this client.");

  let key = await findKey(client, header.kid, alg, deps, false);
  if (key === "none" && client.jwksUrl) key = await findKey(client, header.kid, alg, deps, true);
  if (typeof key === "string") {
    if (key === "none") return refuse(`No ${alg === "RS384" ? "RSA" : "EC P-384"} key with this kid is in the client's JWK Set.`);
    if (key === "several") return refuse("More than one key in the client's JWK Set has this kid.");
    return refuse(key);
  }

  const now = deps.now();
  try {
    await jwtVerify(assertion, await importJWK(key, alg), {
      algorithms: [alg],
      issuer: client.id,
      subject: client.id,
      audience: tokenUrl,
      requiredClaims: ["exp", "jti"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    });
  } catch (error) {
    return refuse(verifyFailure(error, tokenUrl));
  }
  const exp = Number(claims.exp);
  if (exp - now.getTime() / 1000 > MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) return refuse("The client assertion's exp is more than five minutes ahead.");
  if (typeof claims.jti !== "string" || claims.jti === "" || claims.jti.length > 255) return refuse("The client assertion needs a jti (at most 255 characters).");
  if (!(await deps.rememberJti(client.id, claims.jti, new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000)))) {
    return refuse("This client assertion's jti was already used; sign a new assertion for every token request.");
  }
  return { ok: true, client };
}

async function findKey(client: RegisteredClient, kid: string, alg: string, deps: AssertionDependencies, fresh: boolean): Promise<JWK | "none" | "several" | string> {
  if (client.jwks) return selectKey(client.jwks, kid, alg);
  if (!client.jwksUrl) return "The client has no keys registered.";
  const fetched = await deps.jwksFromUrl(client, fresh);
  if (!fetched.ok) return `The client's JWK Set could not be read: ${fetched.message}.`;
  return selectKey(fetched.jwks, kid, alg);
}

function verifyFailure(error: unknown, tokenUrl: string): string {
  const code = (error as { code?: string }).code;
  const claim = (error as { claim?: string }).claim;
  if (code === "ERR_JWT_EXPIRED") return "The client assertion has expired (exp is in the past).";
  if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") return "The client assertion's signature does not verify with the client's key.";
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && claim === "aud") return `The client assertion's aud must be this server's token URL, ${tokenUrl}.`;
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && claim) return `The client assertion's ${claim} claim is missing or wrong.`;
  return "The client assertion could not be verified.";
}
