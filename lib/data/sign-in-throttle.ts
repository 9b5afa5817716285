import "server-only";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";
import { ALERT_FAILURES, ALERT_WINDOW_MS, delayAfter, FORGET_AFTER_MS } from "../staff/throttle-policy";

/**
 * Staff sign-in attempts per email (as typed, known or not) and client address. An attempt is
 * counted by a compare-and-swap on its row BEFORE the password is checked: of any number of
 * simultaneous attempts, each one that gets a place has moved the count by one, and once the
 * count calls for a wait, the rest are refused without a check. Works alike on SQLite and
 * PostgreSQL (a conditional UPDATE of one row; a lost race on the unique key re-reads).
 */
export type Reservation = { ok: true; attempt: number } | { ok: false; retryAt: Date };

const MAX_RACES = 25;

export async function reserveSignInAttempt(email: string, client: string, now = new Date()): Promise<Reservation> {
  const store = (await db()).signInThrottle;
  for (let race = 0; race < MAX_RACES; race++) {
    const row = await store.findUnique({ where: { email_client: { email, client } } });
    if (!row) {
      try {
        await store.create({ data: { email, client, failures: 1, lastAttemptAt: now, blockedUntil: blockedAfter(1, now) } });
        return { ok: true, attempt: 1 };
      } catch (error) {
        if ((error as { code?: string }).code === "P2002") continue; // another attempt created it first
        throw error;
      }
    }
    if (row.blockedUntil && row.blockedUntil > now) return { ok: false, retryAt: row.blockedUntil };
    const forgotten = now.getTime() - row.lastAttemptAt.getTime() > FORGET_AFTER_MS;
    const attempt = (forgotten ? 0 : row.failures) + 1;
    const { count } = await store.updateMany({
      where: { id: row.id, failures: row.failures, lastAttemptAt: row.lastAttemptAt },
      data: { failures: attempt, lastAttemptAt: now, blockedUntil: blockedAfter(attempt, now) },
    });
    if (count === 1) return { ok: true, attempt };
  }
  // Only a flood of simultaneous attempts on one row gets here: refuse this one for a moment.
  return { ok: false, retryAt: new Date(now.getTime() + 1_000) };
}

const blockedAfter = (attempt: number, now: Date) => {
  const delay = delayAfter(attempt);
  return delay > 0 ? new Date(now.getTime() + delay) : null;
};

/** A right password from this client: its count starts again (other clients' counts stay). */
export async function clearSignInAttempts(email: string, client: string): Promise<void> {
  await (await db()).signInThrottle.updateMany({ where: { email, client }, data: { failures: 0, blockedUntil: null } });
}

/** A password reset by an administrator: every client's count for this email starts again. */
export async function forgetSignInAttempts(email: string): Promise<void> {
  await (await db()).signInThrottle.deleteMany({ where: { email } });
}

/** Failed attempts on `email` in the alert window, and from how many client addresses. */
export async function recentFailures(email: string, now = new Date()): Promise<{ failures: number; clients: number }> {
  const rows = await (await db()).signInThrottle.findMany({
    where: { email, lastAttemptAt: { gt: new Date(now.getTime() - ALERT_WINDOW_MS) }, failures: { gt: 0 } },
    select: { failures: true },
  });
  return { failures: rows.reduce((sum, r) => sum + r.failures, 0), clients: rows.length };
}

export type SignInAlert = { email: string; failures: number; clients: number; lastAttemptAt: Date };

/**
 * Staff accounts someone is trying to guess the password of (ALERT_FAILURES or more failed
 * attempts within the alert window, all clients together). Admins only.
 */
export async function listSignInAlerts(staff: StaffSession, now = new Date()): Promise<SignInAlert[]> {
  assertRole(staff, "admin");
  const client = await db();
  const groups = await client.signInThrottle.groupBy({
    by: ["email"],
    where: { lastAttemptAt: { gt: new Date(now.getTime() - ALERT_WINDOW_MS) }, failures: { gt: 0 } },
    _sum: { failures: true },
    _count: { _all: true },
    _max: { lastAttemptAt: true },
    having: { failures: { _sum: { gte: ALERT_FAILURES } } },
    orderBy: { email: "asc" },
    take: 50,
  });
  const known = new Set(
    (await client.staffUser.findMany({ where: { email: { in: groups.map((g) => g.email) } }, select: { email: true } })).map((u) => u.email),
  );
  return groups
    .filter((g) => known.has(g.email))
    .map((g) => ({ email: g.email, failures: g._sum.failures ?? 0, clients: g._count._all, lastAttemptAt: g._max.lastAttemptAt ?? now }));
}

/** Housekeeping: rows quiet for longer than the forget period say nothing any more. */
export async function deleteStaleSignInAttempts(now = new Date()): Promise<number> {
  const { count } = await (await db()).signInThrottle.deleteMany({ where: { lastAttemptAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } } });
  return count;
}
