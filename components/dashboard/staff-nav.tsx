import { signOutStaff } from "@/app/(staff)/staff/actions";
import { roleAtLeast, STAFF_ROLE_LABELS, type StaffRole, type StaffSession } from "@/lib/staff/roles";
import { NavLinks } from "./nav-links";

/**
 * The staff dashboard's navigation: one list, each entry with the least role that opens it.
 * Other parts of the portal add their staff pages here (and nowhere else).
 */
export const STAFF_NAV: readonly { href: string; label: string; minimum: StaffRole }[] = [
  { href: "/dashboard", label: "Participants", minimum: "viewer" },
  { href: "/dashboard/enrollment", label: "Enrollment", minimum: "viewer" },
  { href: "/dashboard/health-systems", label: "Health systems", minimum: "admin" },
  { href: "/dashboard/directory", label: "Directory", minimum: "admin" },
  { href: "/dashboard/research-clients", label: "Research data", minimum: "admin" },
  { href: "/dashboard/audit", label: "Audit log", minimum: "admin" },
];

/** What this staff member's role opens, who is signed in, and sign out. */
export function StaffNav({ staff }: { staff: StaffSession }) {
  return (
    <div className="flex flex-1 flex-wrap items-center gap-x-4 gap-y-2">
      <nav aria-label="Dashboard">
        <NavLinks links={STAFF_NAV.filter((entry) => roleAtLeast(staff.role, entry.minimum)).map(({ href, label }) => ({ href, label }))} />
      </nav>
      <div className="ml-auto flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-700">
          {staff.email} ({STAFF_ROLE_LABELS[staff.role]})
        </span>
        <form action={signOutStaff}>
          <button type="submit" className="min-h-10 rounded-md border-2 border-blue-800 bg-white px-3 py-1 font-semibold text-blue-900 hover:bg-blue-50">
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
