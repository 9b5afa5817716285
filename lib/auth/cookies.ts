import "server-only";
import { env } from "../env";

/** Secure cookies whenever the portal is served over https (always in a real deployment). */
export const secureCookies = () => env().PORTAL_URL.startsWith("https:");

/**
 * Cookie names and options for one next-auth instance. Participants and staff each have their
 * own prefix, so the two kinds of sign-in never share a session.
 */
export function authCookies(prefix: "participant" | "staff") {
  const secure = secureCookies();
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  const name = (n: string) => `${secure ? "__Secure-" : ""}${prefix}.${n}`;
  return {
    sessionToken: { name: name("session"), options },
    callbackUrl: { name: name("callback-url"), options },
    csrfToken: { name: `${secure ? "__Host-" : ""}${prefix}.csrf`, options },
    pkceCodeVerifier: { name: name("pkce"), options: { ...options, maxAge: 15 * 60 } },
    state: { name: name("state"), options: { ...options, maxAge: 15 * 60 } },
    nonce: { name: name("nonce"), options },
  };
}

/** The pending enrollment attempt (an opaque id); bound to the callback of one health system. */
export const ATTEMPT_COOKIE = "participant.enrollment-attempt";

export const attemptCookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: secureCookies(),
  path: "/api/auth",
  maxAge: 15 * 60,
});
