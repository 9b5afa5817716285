import "server-only";
import { availableParallelism } from "node:os";
import { clearSignInAttempts, reserveSignInAttempt } from "../data/sign-in-throttle";
import { normalizeEmail } from "../data/staff-accounts";
import { findStaffForSignIn, recordStaffSignIn } from "../data/staff-sign-in";
import { env } from "../env";
import { decoyHash, verifyPassword } from "./password";
import { AttemptWindow } from "./rate-limit";
import { isStaffRole } from "./roles";
import { alertIfUnderAttack } from "./sign-in-alert";
import { WorkGate } from "./work-gate";

/** Attempts per client address per minute, whatever the email. */
export const ATTEMPTS_PER_CLIENT_PER_MINUTE = 20;
const perClient = new AttemptWindow(ATTEMPTS_PER_CLIENT_PER_MINUTE, 60_000);

/** Password checks waiting for a place, beyond those running; further ones are told "busy". */
export const PASSWORD_CHECK_QUEUE = 32;
let gate: WorkGate | undefined;
const passwordChecks = () => (gate ??= new WorkGate(env().PASSWORD_CHECKS_IN_FLIGHT ?? Math.max(1, Math.floor(availableParallelism() / 2)), PASSWORD_CHECK_QUEUE));

export type SignInOutcome =
  | { ok: true; id: string }
  | { ok: false; reason: "invalid" | "rate_limited" | "busy" }
  | { ok: false; reason: "wait"; retryAt: Date };

/**
 * Checks an email and password from one client (its address bucket: addressBucket(clientAddress(…))).
 * The same answers, in the same time class, whether or not an account has the email: the attempt
 * is counted per email and client before anything is looked up (lib/data/sign-in-throttle.ts),
 * and an unknown email is checked against a decoy hash. Argon2 work is bounded by a WorkGate, so
 * a flood of sign-ins cannot starve the participants' pages.
 */
export async function checkStaffCredentials(emailInput: string, password: string, client: string, now = new Date()): Promise<SignInOutcome> {
  if (!perClient.take(client)) return { ok: false, reason: "rate_limited" };
  const email = normalizeEmail(emailInput);
  const ticket = passwordChecks().enter();
  if (!ticket) return { ok: false, reason: "busy" };
  try {
    const reserved = await reserveSignInAttempt(email, client, now);
    if (!reserved.ok) return { ok: false, reason: "wait", retryAt: reserved.retryAt };
    const user = await findStaffForSignIn(email);
    await ticket.ready;
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    ticket.release();
    if (!user || !valid || user.disabled || !isStaffRole(user.role)) {
      if (user) await alertIfUnderAttack(email, now);
      return { ok: false, reason: "invalid" };
    }
    await clearSignInAttempts(email, client);
    await recordStaffSignIn(user.id, now);
    return { ok: true, id: user.id };
  } finally {
    ticket.release();
  }
}
