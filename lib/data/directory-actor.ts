import "server-only";
import { assertRole, type StaffSession } from "../staff/roles";

/**
 * Who changes the provider directory: an admin on the dashboard, or the operator running
 * `npm run directory:*` on the server (who has the database already).
 */
export type DirectoryActor = StaffSession | { operator: "cli" };

export const CLI_OPERATOR: DirectoryActor = { operator: "cli" };

export function assertDirectoryAdmin(actor: DirectoryActor): void {
  if (!("operator" in actor)) assertRole(actor, "admin");
}
