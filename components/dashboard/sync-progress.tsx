import { formatDateTime } from "@/lib/dashboard/format";
import { getSyncProgress } from "@/lib/data/dashboard-sync";
import type { StaffSession } from "@/lib/staff/roles";

const n = (value: number) => value.toLocaleString("en-US");

/** "Syncing 4,210 of 10,000" while the worker runs; the last pass's result otherwise. */
export async function SyncProgressLine({ staff }: { staff: StaffSession }) {
  const progress = await getSyncProgress(staff);
  if (!progress) return <p className="text-slate-700">No sync pass has run yet.</p>;
  const failed = progress.failed > 0 ? `, ${n(progress.failed)} failed` : "";
  return (
    <p className="text-slate-700" data-testid="sync-progress">
      {progress.running
        ? `Syncing ${n(progress.done)} of ${n(progress.total)}${failed}`
        : `Last sync pass (started ${formatDateTime(progress.startedAt)}): ${n(progress.done)} of ${n(progress.total)} synced${failed}`}
    </p>
  );
}
