import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button-link";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipantId } from "@/lib/auth/participant-auth";
import { env } from "@/lib/env";
import { leaveTheStudy } from "../actions";

export const metadata: Metadata = { title: "Leave the study" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  heading: "Leave the study?",
  what: "The study stops collecting your health records from every health system, and asks each one to end the study's access. Where a health system cannot be asked, we tell you where to end it yourself.",
  keeps: "The study keeps the copy of your records it already collected, as its consent explained.",
  deletes: "The copies of your records the study collected are deleted.",
  again: "We will email you to confirm. You can join again later if you wish.",
  reason: "Why are you leaving? (optional)",
  yes: "Yes, leave the study",
  no: "Keep sharing",
};

/** The second of two taps: no box to tick, no sign-in at any health system. */
export default async function LeaveStudyPage() {
  if (!(await currentParticipantId())) redirect("/me/sign-in");
  const keeps = env().WITHDRAWAL_POLICY === "keep";
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{TEXT.heading}</h1>
      <p className="text-lg">{TEXT.what}</p>
      <p className="text-lg">{keeps ? TEXT.keeps : TEXT.deletes}</p>
      <p className="text-lg">{TEXT.again}</p>
      <form action={leaveTheStudy} className="space-y-5">
        <div className="flex flex-wrap gap-3">
          <SubmitButton variant="danger">{TEXT.yes}</SubmitButton>
          <ButtonLink href="/me" variant="secondary">{TEXT.no}</ButtonLink>
        </div>
        <label className="flex flex-col gap-2 text-lg">
          {TEXT.reason}
          <textarea name="reason" maxLength={500} rows={3} className="rounded-lg border-2 border-slate-400 p-3 text-lg" />
        </label>
      </form>
    </article>
  );
}
