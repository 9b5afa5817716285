import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipantId } from "@/lib/auth/participant-auth";
import { env } from "@/lib/env";
import { withdraw } from "../../connect/actions";

export const metadata: Metadata = { title: "Withdraw from the study" };

export default async function WithdrawPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (!(await currentParticipantId())) redirect("/me");
  const { error } = await searchParams;
  const keeps = env().WITHDRAWAL_POLICY === "keep";
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">Withdraw from the study</h1>
      <p className="text-lg">
        If you withdraw, the study stops collecting your health record and asks your health system to end its access.{" "}
        {keeps
          ? "The study keeps the copy of your record it already collected, as its consent explained."
          : "The copy of your record the study collected is deleted."}{" "}
        You can join again later if you wish.
      </p>
      {error === "confirm" && <Notice tone="error">Please tick the box to confirm that you want to withdraw.</Notice>}
      <form action={withdraw} className="space-y-5">
        <label className="flex flex-col gap-2 text-lg">
          Why are you leaving? (optional)
          <textarea name="reason" maxLength={500} rows={3} className="rounded-lg border-2 border-slate-400 p-3 text-lg" />
        </label>
        <label className="flex items-start gap-3 text-lg">
          <input type="checkbox" name="confirm" value="yes" required className="mt-1 h-7 w-7 shrink-0" />
          <span>Yes, I want to withdraw from the study.</span>
        </label>
        <div className="flex flex-wrap gap-3">
          <SubmitButton variant="danger">Withdraw</SubmitButton>
          <ButtonLink href="/me" variant="secondary">Keep sharing</ButtonLink>
        </div>
      </form>
    </article>
  );
}
