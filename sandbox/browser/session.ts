/** The sandbox's own sign-in session: a cookie on the sandbox only. */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Deps } from "../deps";
import type { Session } from "../state/sessions";

/** Distinct name: cookies ignore ports, so the portal on localhost:3000 sees this cookie too. */
export const SESSION_COOKIE = "s4s_sandbox_session";

export function currentSession(c: Context, deps: Deps): Session | undefined {
  return deps.sessions.session(getCookie(c, SESSION_COOKIE), deps.config.now());
}

export function startSession(c: Context, deps: Deps, username: string): Session {
  const session = deps.sessions.signIn(username, deps.config.now());
  setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: "Lax", path: "/" });
  return session;
}

export function endSession(c: Context, deps: Deps, session: Session): void {
  deps.sessions.signOut(session.id);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

/** A local path to continue to after sign-in; anything else becomes `fallback`. */
export function safeNext(next: string | undefined, fallback = "/apps"): string {
  return next && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : fallback;
}

export function loginUrl(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
