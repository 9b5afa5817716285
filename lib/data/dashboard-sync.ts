import "server-only";
import { assertRole, type StaffSession } from "../staff/roles";
import { latestSyncProgress, type SyncProgress } from "./sync-runs";

/** The sync worker's latest pass, for the dashboard's progress line (staff only). */
export async function getSyncProgress(staff: StaffSession): Promise<SyncProgress | null> {
  assertRole(staff, "viewer");
  return latestSyncProgress();
}
