import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentStaff } from "@/lib/staff/session";
import { signInMessage } from "@/lib/staff/sign-in-words";
import { signInStaff } from "../actions";

export const metadata: Metadata = { title: "Study staff sign in" };

const field = "mt-1 block w-full rounded-lg border-2 border-slate-500 px-3 py-2 text-lg";

export default async function StaffSignInPage({ searchParams }: { searchParams: Promise<{ error?: string; minutes?: string; signedOut?: string }> }) {
  if (await currentStaff()) redirect("/dashboard");
  const { error, minutes, signedOut } = await searchParams;
  const message = error ? signInMessage(error, minutes) : null;
  return (
    <article className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-bold">Study staff sign in</h1>
      {message && <Notice tone="error">{message}</Notice>}
      {signedOut && !message && <Notice tone="success">You have signed out.</Notice>}
      <form action={signInStaff} className="space-y-4">
        <div>
          <label htmlFor="email" className="font-semibold">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required className={field} />
        </div>
        <div>
          <label htmlFor="password" className="font-semibold">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className={field} />
        </div>
        <SubmitButton>Sign in</SubmitButton>
      </form>
      <p className="text-slate-700">Participants do not sign in here: they sign in through their health system.</p>
    </article>
  );
}
