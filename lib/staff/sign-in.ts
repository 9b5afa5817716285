import "server-only";
import { findStaffCredentials, lockStaffAccount, normalizeEmail, recordFailedStaffSignIn, recordStaffSignIn } from "../data/staff-accounts";
import { decoyHash, verifyPassword } from "./password";
import { AttemptWindow } from "./rate-limit";
import { isStaffRole } from "./roles";

/** After this many wrong passwords in a row an account is locked for LOCK_MS. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 15 * 60_000;
/** Attempts per client IP per minute, whatever the email. */
const perIp = new AttemptWindow(20, 60_000);

export type SignInOutcome = { ok: true; id: string } | { ok: false; reason: "invalid" | "locked" | "rate_limited" };

/**
 * Checks an email and password. Wrong passwords count per account (locked after
 * MAX_FAILED_ATTEMPTS, in the database so every process sees it) and attempts count per IP.
 */
export async function checkStaffCredentials(emailInput: string, password: string, ip: string, now = new Date()): Promise<SignInOutcome> {
  if (!perIp.take(ip)) return { ok: false, reason: "rate_limited" };
  const email = normalizeEmail(emailInput);
  const user = await findStaffCredentials(email);
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked" };
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid) {
    if ((await recordFailedStaffSignIn(user.id)) >= MAX_FAILED_ATTEMPTS) {
      await lockStaffAccount(user.id, new Date(now.getTime() + LOCK_MS));
      return { ok: false, reason: "locked" };
    }
    return { ok: false, reason: "invalid" };
  }
  if (user.disabled || !isStaffRole(user.role)) return { ok: false, reason: "invalid" };
  await recordStaffSignIn(user.id, now);
  return { ok: true, id: user.id };
}
