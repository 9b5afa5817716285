/** Study staff roles, least to most privileged. One name per role across code, UI and database. */
export const STAFF_ROLES = ["viewer", "coordinator", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (value: unknown): value is StaffRole => STAFF_ROLES.includes(value as StaffRole);

/** True when `role` grants at least what `minimum` grants (unknown roles grant nothing). */
export function roleAtLeast(role: string, minimum: StaffRole): boolean {
  return isStaffRole(role) && STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(minimum);
}

/** The signed-in staff member, re-read from the database on every request. */
export type StaffSession = { id: string; email: string; role: StaffRole };

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = { viewer: "Viewer", coordinator: "Coordinator", admin: "Admin" };

/** Thrown by the data layer when the caller's role is too low; route handlers turn it into 403. */
export class StaffForbiddenError extends Error {
  constructor(public readonly minimum: StaffRole) {
    super(`This needs the ${minimum} role.`);
    this.name = "StaffForbiddenError";
  }
}

export function assertRole(staff: StaffSession, minimum: StaffRole): void {
  if (!roleAtLeast(staff.role, minimum)) throw new StaffForbiddenError(minimum);
}
