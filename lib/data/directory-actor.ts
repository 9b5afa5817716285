import "server-only";
import { assertRole, type StaffSession } from "../staff/roles";
import { operator, type Operator } from "./callers";

/**
 * Who changes the provider directory: an admin on the dashboard, or the operator running
 * `npm run directory:*` on the server (who has the database already).
 */
export type DirectoryActor = StaffSession | Operator;

export const CLI_OPERATOR: DirectoryActor = operator("directory");

export function assertDirectoryAdmin(actor: DirectoryActor): void {
  if (!("kind" in actor && actor.kind === "operator")) assertRole(actor as StaffSession, "admin");
}
