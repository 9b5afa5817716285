import Link from "next/link";
import { getEnrollmentFunnel } from "@/lib/data/enrollment-funnel";
import type { StaffSession } from "@/lib/staff/roles";

const n = (value: number) => value.toLocaleString("en-US");

/** One line of the enrollment funnel (last 30 days), linking to the full chart and tables. */
export async function FunnelSummary({ staff }: { staff: StaffSession }) {
  const { total } = await getEnrollmentFunnel(staff, { days: 30 });
  return (
    <p className="text-slate-800" data-testid="funnel-summary">
      <span className="font-semibold">Enrollment, last 30 days:</span> {n(total.started)} started, {n(total.approved)} connected, {n(total.denied)} did not approve,{" "}
      {n(total.failed)} failed, {n(total.abandoned)} never came back.{" "}
      <Link href="/dashboard/enrollment" className="text-blue-800 underline underline-offset-4">Enrollment by day, health system and reason</Link>
    </p>
  );
}
