/**
 * private_key_jwt (RFC 7523, SMART Backend Services style): verifies RS384 and ES384 client assertions with jose.
 * `iss` = `sub` = client id, `aud` = the token URL (or an array containing it), `exp` at most 5 minutes ahead, `jti` never reused.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { Client } from "../state/model";
import { fail, ok, type Result } from "../util/result";
import { oauthError, type OAuthError } from "./errors";

export const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const ASSERTION_ALGORITHMS = ["RS384", "ES384"];
const MAX_LIFETIME_S = 300;
const JWKS_TIMEOUT_MS = 5000;

export class AssertionVerifier {
  private readonly usedJtis = new Map<string, number>();
  private readonly remoteSets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly now: () => number) {}

  async verify(client: Client, assertion: string, tokenUrl: string): Promise<Result<void, OAuthError>> {
    const keys = this.keysOf(client);
    if (!keys) return fail(oauthError("invalid_client", "This client has no registered keys."));
    const nowMs = this.now();
    let payload;
    try {
      ({ payload } = await jwtVerify(assertion, keys, {
        algorithms: ASSERTION_ALGORITHMS,
        issuer: client.id,
        subject: client.id,
        audience: tokenUrl,
        currentDate: new Date(nowMs),
        requiredClaims: ["exp", "jti"],
      }));
    } catch (error) {
      return fail(oauthError("invalid_client", `The client assertion was refused: ${describe(error)}`));
    }
    const exp = payload.exp ?? 0;
    if (exp > nowMs / 1000 + MAX_LIFETIME_S) {
      return fail(oauthError("invalid_client", "The client assertion's exp is more than 5 minutes ahead."));
    }
    const jtiKey = `${client.id} ${String(payload.jti)}`;
    this.forgetExpired(nowMs);
    if (this.usedJtis.has(jtiKey)) return fail(oauthError("invalid_client", "The client assertion's jti was already used."));
    this.usedJtis.set(jtiKey, exp * 1000);
    return ok(undefined);
  }

  private keysOf(client: Client): JWTVerifyGetKey | undefined {
    if (client.jwks) return createLocalJWKSet(client.jwks as Parameters<typeof createLocalJWKSet>[0]);
    if (!client.jwksUri) return undefined;
    let set = this.remoteSets.get(client.jwksUri);
    if (!set) {
      set = createRemoteJWKSet(new URL(client.jwksUri), { timeoutDuration: JWKS_TIMEOUT_MS });
      this.remoteSets.set(client.jwksUri, set);
    }
    return set;
  }

  private forgetExpired(nowMs: number): void {
    if (this.usedJtis.size < 1000) return;
    for (const [key, expiresAt] of this.usedJtis) if (expiresAt < nowMs) this.usedJtis.delete(key);
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} ${error.reason}.`;
  if (error instanceof errors.JWTExpired) return "it has expired.";
  if (error instanceof errors.JOSEError) return `${error.code}.`;
  return "it could not be verified.";
}
