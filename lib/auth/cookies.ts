import "server-only";
import { env } from "../env";

/** Secure cookies whenever the portal is served over https (always in a real deployment). */
export const secureCookies = () => env().PORTAL_URL.startsWith("https:");

/**
 * A cookie's name as the browser stores it: over https every cookie of the portal is a
 * `__Host-` cookie (Secure, Path=/, no Domain), so a sibling subdomain cannot plant or shadow it.
 */
export const cookieName = (name: string) => `${secureCookies() ? "__Host-" : ""}${name}`;

/**
 * Cookie names and options for one next-auth instance. Participants and staff each have their
 * own prefix, so the two kinds of sign-in never share a session. Staff cookies are
 * SameSite=Strict: no other site can make a staff browser send them (a cross-site link to an
 * export or a form post arrives signed out). Participant cookies stay Lax: the EHR sends the
 * participant back to the portal from another site, and the state, PKCE and session cookies
 * must come along on that top-level redirect.
 */
export function authCookies(prefix: "participant" | "staff") {
  const secure = secureCookies();
  const options = { httpOnly: true, sameSite: prefix === "staff" ? ("strict" as const) : ("lax" as const), path: "/", secure };
  const name = (n: string) => cookieName(`${prefix}.${n}`);
  return {
    sessionToken: { name: name("session"), options },
    callbackUrl: { name: name("callback-url"), options },
    csrfToken: { name: name("csrf"), options },
    pkceCodeVerifier: { name: name("pkce"), options: { ...options, maxAge: 15 * 60 } },
    state: { name: name("state"), options: { ...options, maxAge: 15 * 60 } },
    nonce: { name: name("nonce"), options },
  };
}

/** The pending enrollment attempt (an opaque id); bound to the callback of one health system. */
export const attemptCookieName = () => cookieName("participant.enrollment-attempt");

/** Path / (not /api/auth) so that it can carry the `__Host-` prefix. */
export const attemptCookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: secureCookies(),
  path: "/",
  maxAge: 15 * 60,
});

/** Clears the attempt cookie (with the attributes a `__Host-` cookie must carry even when cleared). */
export const clearedAttemptCookie = () => ({ name: attemptCookieName(), value: "", ...attemptCookieOptions(), maxAge: 0 });
