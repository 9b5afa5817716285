import "server-only";
import { db } from "../db";
import { hashPassword } from "../staff/password";
import { isStaffRole, type StaffRole, type StaffSession } from "../staff/roles";

/**
 * Study staff accounts, for the scripts (staff:add, staff:disable, npm run dev), sign-in and the
 * per-request session check. Emails are stored lower-cased; the password only as an Argon2id hash.
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

/** Sets the password (and clears any lockout) of an existing account; false when there is none. */
export async function resetStaffPassword(email: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const { count } = await (await db()).staffUser.updateMany({
    where: { email: normalizeEmail(email) },
    data: { passwordHash, failedAttempts: 0, lockedUntil: null, disabled: false },
  });
  return count > 0;
}

export async function setStaffDisabled(email: string, disabled: boolean): Promise<boolean> {
  const { count } = await (await db()).staffUser.updateMany({ where: { email: normalizeEmail(email) }, data: { disabled } });
  return count > 0;
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

/** What sign-in needs to check an email and password (the hash stays on the server). */
export type StaffCredentials = { id: string; passwordHash: string; role: string; disabled: boolean; lockedUntil: Date | null };

export async function findStaffCredentials(email: string): Promise<StaffCredentials | null> {
  return (await db()).staffUser.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, passwordHash: true, role: true, disabled: true, lockedUntil: true },
  });
}

/** Counts one wrong password; returns the account's count of wrong passwords in a row. */
export async function recordFailedStaffSignIn(id: string): Promise<number> {
  const row = await (await db()).staffUser.update({ where: { id }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
  return row.failedAttempts;
}

export async function lockStaffAccount(id: string, until: Date): Promise<void> {
  await (await db()).staffUser.update({ where: { id }, data: { lockedUntil: until, failedAttempts: 0 } });
}

export async function recordStaffSignIn(id: string, at: Date): Promise<void> {
  await (await db()).staffUser.update({ where: { id }, data: { failedAttempts: 0, lockedUntil: null, lastSignInAt: at } });
}
