import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";

/**
 * The session store: one row per sign-in (study staff or participant), whose id travels in the
 * session cookie's encrypted JWT. A session is live while its row is neither revoked nor past
 * its absolute end; renewing the cookie never moves that end. Sign-out revokes the row, so a
 * copied cookie stops working wherever it is presented; disabling a staff account revokes all
 * of its rows.
 */
export type AuthSessionKind = "staff" | "participant";

export type LiveAuthSession = { id: string; kind: AuthSessionKind; subjectId: string; expiresAt: Date };

/** lastSeenAt is written at most this often per session (one small write, not one per request). */
const TOUCH_EVERY_MS = 60_000;

/** Starts a session for `subjectId` (a StaffUser or Participant id) lasting `lifetimeMs`, absolutely. */
export async function startAuthSession(kind: AuthSessionKind, subjectId: string, lifetimeMs: number, now = new Date()): Promise<LiveAuthSession> {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await (await db()).authSession.create({ data: { id, kind, subjectId, createdAt: now, lastSeenAt: now, expiresAt } });
  return { id, kind, subjectId, expiresAt };
}

/** The session `id` of this kind when it is live (and notes that it was seen), else null. */
export async function liveAuthSession(id: string, kind: AuthSessionKind, now = new Date()): Promise<LiveAuthSession | null> {
  if (id.length === 0 || id.length > 100) return null;
  const client = await db();
  const row = await client.authSession.findUnique({ where: { id }, select: { kind: true, subjectId: true, expiresAt: true, revokedAt: true, lastSeenAt: true } });
  if (!row || row.kind !== kind || row.revokedAt || row.expiresAt <= now) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await client.authSession.updateMany({ where: { id, lastSeenAt: row.lastSeenAt }, data: { lastSeenAt: now } });
  }
  return { id, kind, subjectId: row.subjectId, expiresAt: row.expiresAt };
}

/** Ends one session (sign-out); true when it was live. */
export async function revokeAuthSession(id: string, now = new Date()): Promise<boolean> {
  const { count } = await (await db()).authSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return count > 0;
}

/** Ends every session of one staff member or participant (an account disabled); how many were live. */
export async function revokeAuthSessionsOf(kind: AuthSessionKind, subjectId: string, now = new Date()): Promise<number> {
  const { count } = await (await db()).authSession.updateMany({ where: { kind, subjectId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
  return count;
}

/** Housekeeping: sessions that ended (revoked or past their end) more than a day ago are deleted. */
export async function deleteEndedAuthSessions(now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
  const { count } = await (await db()).authSession.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { revokedAt: { lt: dayAgo } }] } });
  return count;
}
