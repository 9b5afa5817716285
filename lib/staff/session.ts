import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth";
import { roleAtLeast, type StaffRole, type StaffSession } from "./roles";
import { activeStaffById } from "../data/staff-accounts";

/**
 * The signed-in staff member for this request, or null. auth() checks the cookie's session row
 * (lib/auth/auth-session.ts: signed out, disabled or past its end means null), then the account is
 * re-read (cached per request), so disabling it or changing its role applies at once.
 */
export const currentStaff = cache(async (): Promise<StaffSession | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? activeStaffById(id) : null;
});

/** For pages and server actions: signed-out visitors go to sign-in; too low a role gets a 404. */
export async function requireStaff(minimum: StaffRole = "viewer"): Promise<StaffSession> {
  const staff = await currentStaff();
  if (!staff) redirect("/staff/sign-in");
  if (!roleAtLeast(staff.role, minimum)) notFound();
  return staff;
}

/** For route handlers: the staff member, or the status to answer with (401 or 403). */
export async function staffForRoute(minimum: StaffRole): Promise<{ ok: true; staff: StaffSession } | { ok: false; status: 401 | 403 }> {
  const staff = await currentStaff();
  if (!staff) return { ok: false, status: 401 };
  if (!roleAtLeast(staff.role, minimum)) return { ok: false, status: 403 };
  return { ok: true, staff };
}
