import "server-only";
import { db } from "../db";
import { hashPassword } from "./password";
import { isStaffRole, type StaffRole, type StaffSession } from "./roles";

/**
 * Study staff accounts, for the scripts (staff:add, staff:disable, npm run dev) and sign-in.
 * Emails are stored lower-cased; the password only as an Argon2id hash.
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
