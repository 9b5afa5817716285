import Link from "next/link";
import { formatDateTime } from "@/lib/dashboard/format";
import { listApprovalsEndingSoon } from "@/lib/data/approvals";
import type { StaffSession } from "@/lib/staff/roles";

const days = (n: number) => (n === 1 ? "1 day" : `${n} days`);

/** Approvals ending within 30 days, soonest first: who to remind before the study loses access. */
export async function ApprovalsEnding({ staff }: { staff: StaffSession }) {
  const approvals = await listApprovalsEndingSoon(staff, { days: 30, take: 20 });
  return (
    <section aria-labelledby="approvals-title" className="space-y-2">
      <h2 id="approvals-title" className="text-xl font-semibold">Approvals ending within 30 days</h2>
      {approvals.length === 0 ? (
        <p className="text-slate-700">None.</p>
      ) : (
        <ul className="space-y-1">
          {approvals.map((a) => (
            <li key={a.connectionId}>
              <Link href={`/dashboard/participants/${a.participantId}`} className="text-blue-800 underline underline-offset-4">
                {a.displayName ?? a.participantId}
              </Link>{" "}
              ({a.healthSystemName}): expires in {days(a.daysLeft)}, on {formatDateTime(a.approvalExpiresAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
