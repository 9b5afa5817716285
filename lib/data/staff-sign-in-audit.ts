import "server-only";
import { anonymousActor, recordAudit } from "../audit/record";
import type { StaffSession } from "../staff/roles";

/**
 * Staff sign-ins in the audit log: every successful sign-in, every refused one (with the email
 * that was tried) and every lock-out; sign-outs. Attempts the per-address rate limit turned away
 * are not written (a flood must not flood the log); the lock-out they lead to is.
 */
export async function auditStaffSignIn(emailTried: string, outcome: { ok: true; id: string } | { ok: false; reason: "invalid" | "locked" | "rate_limited" }): Promise<void> {
  const email = emailTried.trim().toLowerCase();
  if (outcome.ok) return recordAudit({ id: outcome.id, email }, "staff.sign_in");
  if (outcome.reason === "invalid") return recordAudit(anonymousActor(email), "staff.sign_in_refused");
  if (outcome.reason === "locked") return recordAudit(anonymousActor(email), "staff.locked");
}

export async function auditStaffSignOut(staff: StaffSession): Promise<void> {
  await recordAudit(staff, "staff.sign_out");
}
