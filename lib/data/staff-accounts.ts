import "server-only";
import { revokeAuthSessionsOf } from "./auth-sessions";
import { forgetSignInAttempts } from "./sign-in-throttle";
import { db } from "../db";
import { hashPassword } from "../staff/password";
import { isStaffRole, type StaffRole, type StaffSession } from "../staff/roles";

/**
 * Study staff accounts, for the scripts (staff:add, staff:disable, npm run dev) and the
 * per-request session check (sign-in: staff-sign-in.ts). Emails are stored lower-cased; the password only as an Argon2id hash.
 * The scripts' caller is the operator at the shell: there is no session to pass.
 */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export type CreateStaffResult = { ok: true; id: string } | { ok: false; reason: "exists" };

export async function createStaffUser(input: { email: string; role: StaffRole; password: string }): Promise<CreateStaffResult> {
  const email = normalizeEmail(input.email);
  const client = await db();
  if (await client.staffUser.findUnique({ where: { email }, select: { id: true } })) return { ok: false, reason: "exists" };
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await client.staffUser.create({ data: { email, role: input.role, passwordHash }, select: { id: true } });
    return { ok: true, id: row.id };
  } catch (error) {
    // A concurrent staff:add for the same email lost the race on the unique index.
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "exists" };
    throw error;
  }
}

/**
 * Sets the password of an existing account (re-enabling it); false when there is none. Its
 * sign-in counts start again and its sessions end: whoever held the old password is signed out.
 */
export async function resetStaffPassword(email: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const client = await db();
  const user = await client.staffUser.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true } });
  if (!user) return false;
  await client.staffUser.update({ where: { id: user.id }, data: { passwordHash, disabled: false } });
  await forgetSignInAttempts(normalizeEmail(email));
  await revokeAuthSessionsOf("staff", user.id);
  return true;
}

/** Disables (or re-enables) an account; disabling ends every session it has, wherever its cookie is. */
export async function setStaffDisabled(email: string, disabled: boolean): Promise<boolean> {
  const client = await db();
  const user = await client.staffUser.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true } });
  if (!user) return false;
  await client.staffUser.update({ where: { id: user.id }, data: { disabled } });
  if (disabled) await revokeAuthSessionsOf("staff", user.id);
  return true;
}

export async function setStaffRole(email: string, role: StaffRole): Promise<boolean> {
  const { count } = await (await db()).staffUser.updateMany({ where: { email: normalizeEmail(email) }, data: { role } });
  return count > 0;
}

/** The session of an enabled account with a known role, or null: read on every request. */
export async function activeStaffById(id: string): Promise<StaffSession | null> {
  const row = await (await db()).staffUser.findFirst({ where: { id, disabled: false }, select: { id: true, email: true, role: true } });
  return row && isStaffRole(row.role) ? { id: row.id, email: row.email, role: row.role } : null;
}
