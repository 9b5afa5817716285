import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookieName, secureCookies } from "../auth/cookies";
import { env } from "../env";

/**
 * The participant's agreement to the study consent, carried from the consent page to the
 * "Connect to …" step in a signed cookie (version and time), then stored with the participant.
 */
export const consentCookieName = () => cookieName("study-consent");
export const CONSENT_MAX_AGE_SECONDS = 2 * 60 * 60;

export const consentCookieOptions = () => ({ httpOnly: true, sameSite: "lax" as const, secure: secureCookies(), path: "/", maxAge: CONSENT_MAX_AGE_SECONDS });

/** Clears the consent cookie (at withdrawal, and when a consent older than a withdrawal was refused). */
export const clearedConsentCookie = () => ({ name: consentCookieName(), value: "", ...consentCookieOptions(), maxAge: 0 });

const sign = (payload: string) => createHmac("sha256", env().AUTH_SECRET).update(`consent:${payload}`).digest("base64url");

export function consentCookieValue(version: string, at: Date): string {
  const payload = `${encodeURIComponent(version)}.${at.getTime()}`;
  return `${payload}.${sign(payload)}`;
}

/** The consent this cookie proves, or null when it is missing, forged, stale or of another version. */
export function readConsentCookie(value: string | undefined, now = new Date()): { version: string; consentedAt: Date } | null {
  if (!value || value.length > 300) return null;
  const [version, time, signature] = value.split(".");
  if (!version || !time || !signature) return null;
  const expected = Buffer.from(sign(`${version}.${time}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const consentedAt = new Date(Number(time));
  if (Number.isNaN(consentedAt.getTime()) || now.getTime() - consentedAt.getTime() > CONSENT_MAX_AGE_SECONDS * 1000) return null;
  const decoded = decodeURIComponent(version);
  return decoded === env().CONSENT_VERSION ? { version: decoded, consentedAt } : null;
}
