import "server-only";
import { db } from "../db";

/** What a sign-in needs of an account: read by email (lower-cased), before the caller is known. */
export async function findStaffForSignIn(email: string) {
  return (await db()).staffUser.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabled: true, role: true } });
}

export async function recordStaffSignIn(id: string, now = new Date()): Promise<void> {
  await (await db()).staffUser.update({ where: { id }, data: { lastSignInAt: now } });
}
