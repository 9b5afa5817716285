import { requireStaff } from "@/lib/staff/session";

/** Every dashboard page is for signed-in study staff; each page checks its own role again. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await requireStaff("viewer");
  return children;
}
