/** RFC 7636 PKCE with S256 (the smart-v2 profile refuses `plain`). */
import { createHash } from "node:crypto";

/** An S256 challenge: base64url of a SHA-256 digest, 43 characters. */
export const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function verifierMatches(verifier: string, challenge: string): boolean {
  return VERIFIER.test(verifier) && s256(verifier) === challenge;
}
