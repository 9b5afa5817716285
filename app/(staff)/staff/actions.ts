"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auditStaffSignOut } from "@/lib/data/staff-sign-in-audit";
import { signIn, signOut } from "@/lib/staff/auth";
import { signInProblemQuery } from "@/lib/staff/sign-in-words";
import { currentStaff } from "@/lib/staff/session";

const formSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

/** Staff sign-in (a public POST endpoint): validates the form, then next-auth's credentials check. */
export async function signInStaff(formData: FormData): Promise<void> {
  const form = formSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!form.success) redirect("/staff/sign-in?error=missing");
  try {
    await signIn("credentials", { ...form.data, redirectTo: "/dashboard" });
  } catch (error) {
    if (error instanceof AuthError) {
      redirect(`/staff/sign-in?${signInProblemQuery((error as { code?: string }).code)}`);
    }
    throw error; // next-auth's redirect to /dashboard on success
  }
}

export async function signOutStaff(): Promise<void> {
  const staff = await currentStaff();
  if (staff) await auditStaffSignOut(staff);
  await signOut({ redirectTo: "/staff/sign-in?signedOut=1" });
}
