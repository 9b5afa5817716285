import { SignInAlerts } from "@/components/dashboard/sign-in-alerts";
import { requireStaff } from "@/lib/staff/session";

/**
 * Every dashboard page is for signed-in study staff; each page checks its own role again. Admins
 * see, above every page, any staff account someone is guessing the password of.
 */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff("viewer");
  return (
    <>
      <SignInAlerts staff={staff} />
      {children}
    </>
  );
}
