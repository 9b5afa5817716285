import "server-only";
import type { SignInOutcome } from "../staff/sign-in";
import type { StaffSession } from "../staff/roles";
import { recordAudit } from "./audit-events";
import { anonymous } from "./callers";
import { activeStaffById } from "./staff-accounts";

/**
 * Staff sign-ins in the audit log: every successful sign-in and every refused password (with the
 * email that was tried), and sign-outs. Attempts turned away before any password was checked
 * (the per-address rate limit, a delay after repeated failures, a busy server) are not written:
 * a flood must not flood the log. Someone guessing a real account's password is reported once
 * an hour as staff.sign_in_attack (lib/data/audit-events.ts).
 */
export async function auditStaffSignIn(emailTried: string, outcome: SignInOutcome): Promise<void> {
  const email = emailTried.trim().toLowerCase();
  if (outcome.ok) {
    const staff = await activeStaffById(outcome.id);
    if (staff) await recordAudit(staff, "staff.sign_in");
    return;
  }
  if (outcome.reason === "invalid") await recordAudit(anonymous(email), "staff.sign_in_refused");
}

export async function auditStaffSignOut(staff: StaffSession): Promise<void> {
  await recordAudit(staff, "staff.sign_out");
}
