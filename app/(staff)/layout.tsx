import type { Metadata } from "next";
import Link from "next/link";
import { StaffNav } from "@/components/dashboard/staff-nav";
import { env } from "@/lib/env";
import { currentStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: { default: "Study dashboard", template: "%s · Study dashboard" } };

/**
 * Study staff's own frame: the dashboard's name and staff navigation (when signed in), the full
 * width of the screen for tables, and none of the participant site's header or footer.
 */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  return (
    <div data-area="staff" className="flex min-h-screen flex-col">
      <header className="border-b border-slate-300 bg-white">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 lg:px-6">
          <Link href={staff ? "/dashboard" : "/staff/sign-in"} className="py-2 text-lg font-bold text-slate-900 no-underline">
            {env().STUDY_NAME} <span className="font-normal text-slate-700">· Study dashboard</span>
          </Link>
          {staff && <StaffNav staff={staff} />}
        </div>
      </header>
      <main id="main" className="w-full flex-1 px-4 py-6 lg:px-6">
        {children}
      </main>
    </div>
  );
}
