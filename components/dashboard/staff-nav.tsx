import Link from "next/link";
import { signOutStaff } from "@/app/staff/actions";
import { roleAtLeast, STAFF_ROLE_LABELS, type StaffSession } from "@/lib/staff/roles";

const link = "rounded-md px-3 py-2 text-blue-800 underline underline-offset-4";

/** The dashboard's own navigation: what this staff member's role opens, and sign out. */
export function StaffNav({ staff }: { staff: StaffSession }) {
  return (
    <nav aria-label="Dashboard" className="mb-6 flex flex-wrap items-center gap-2 border-b border-slate-200 pb-3">
      <Link href="/dashboard" className={link}>Participants</Link>
      {roleAtLeast(staff.role, "admin") && <Link href="/dashboard/health-systems" className={link}>Health systems</Link>}
      {roleAtLeast(staff.role, "admin") && <Link href="/dashboard/directory" className={link}>Directory</Link>}
      {roleAtLeast(staff.role, "admin") && <Link href="/dashboard/audit" className={link}>Audit</Link>}
      {roleAtLeast(staff.role, "admin") && <Link href="/dashboard/research-clients" className={link}>Research data</Link>}
      <span className="ml-auto text-sm text-slate-700">
        {staff.email} ({STAFF_ROLE_LABELS[staff.role]})
      </span>
      <form action={signOutStaff}>
        <button type="submit" className="rounded-md border-2 border-blue-800 px-3 py-1 font-semibold text-blue-900 hover:bg-blue-50">
          Sign out
        </button>
      </form>
    </nav>
  );
}
