import "server-only";
import type { JWT } from "next-auth/jwt";
import { deleteEndedAuthSessions, liveAuthSession, revokeAuthSession, startAuthSession, type AuthSessionKind } from "../data/auth-sessions";
import { deleteEndedSignInLinks } from "../data/sign-in-links";
import { deleteStaleSignInAttempts } from "../data/sign-in-throttle";
import { env } from "../env";
import { log } from "../log";

/**
 * The glue between next-auth's JWT sessions and the session store (lib/data/auth-sessions.ts),
 * the same for both instances (staff: lib/staff/auth.ts; participants: lib/auth/participant-auth.ts):
 * sign-in starts a row and puts its id (`sid`) in the JWT; every read of the cookie (every
 * auth() call, and GET /api/…/session) checks the row, and a session that was revoked or reached
 * its absolute end answers null, which makes next-auth clear the cookie instead of renewing it.
 */
export type SessionClaims = { sub: string; kind: AuthSessionKind; sid: string };

/** Absolute session lifetime per kind (STAFF_SESSION_HOURS, PARTICIPANT_SESSION_HOURS). */
export function sessionLifetimeMs(kind: AuthSessionKind): number {
  return (kind === "staff" ? env().STAFF_SESSION_HOURS : env().PARTICIPANT_SESSION_HOURS) * 60 * 60_000;
}

/** next-auth's cookie and JWT lifetime for `kind` (the row's end is what really bounds it). */
export const sessionMaxAgeSeconds = (kind: AuthSessionKind) => Math.ceil(sessionLifetimeMs(kind) / 1000);

export async function beginSession(kind: AuthSessionKind, subjectId: string): Promise<SessionClaims> {
  const session = await startAuthSession(kind, subjectId, sessionLifetimeMs(kind));
  sweepOccasionally();
  return { sub: subjectId, kind, sid: session.id };
}

/** The token when its session is live, of `kind`, for the token's subject; otherwise null. */
export async function continueSession<T extends JWT>(token: T, kind: AuthSessionKind, now = new Date()): Promise<T | null> {
  if (token.kind !== kind || typeof token.sid !== "string" || typeof token.sub !== "string") return null;
  const session = await liveAuthSession(token.sid, kind, now);
  return session && session.subjectId === token.sub ? token : null;
}

/** Sign-out: the session ends for every copy of the cookie. */
export async function endSession(token: JWT | null | undefined): Promise<void> {
  if (typeof token?.sid === "string") await revokeAuthSession(token.sid);
}

let lastSweep = 0;
/** Ended sessions, forgotten sign-in counts and emailed links past their end are deleted now and then (at most every 10 minutes per process). */
function sweepOccasionally(now = Date.now()) {
  if (now - lastSweep < 10 * 60_000) return;
  lastSweep = now;
  Promise.all([deleteEndedAuthSessions(), deleteStaleSignInAttempts(), deleteEndedSignInLinks()]).catch((error: unknown) => log.warn("auth.sweep_failed", { error: String(error) }));
}
