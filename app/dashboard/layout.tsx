import type { Metadata } from "next";
import { SignInAlerts } from "@/components/dashboard/sign-in-alerts";
import { StaffNav } from "@/components/dashboard/staff-nav";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: { default: "Dashboard", template: "%s · Study dashboard" } };

/** Every dashboard page is for signed-in study staff; each page checks its own role again. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff("viewer");
  return (
    <div>
      <StaffNav staff={staff} />
      <SignInAlerts staff={staff} />
      {children}
    </div>
  );
}
