import { syncProgressText } from "@/lib/dashboard/format";
import { getSyncProgress } from "@/lib/data/dashboard-sync";
import type { StaffSession } from "@/lib/staff/roles";

/** "Sync running: 4,210 of 10,000 connections checked, …" while the worker runs; the last pass's result otherwise. */
export async function SyncProgressLine({ staff }: { staff: StaffSession }) {
  const progress = await getSyncProgress(staff);
  return (
    <p className="text-slate-700" data-testid="sync-progress">
      {progress ? syncProgressText(progress) : "No sync pass has run yet."}
    </p>
  );
}
