import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button-link";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipantId } from "@/lib/auth/participant-auth";
import { env } from "@/lib/env";
import { getParticipantT } from "@/lib/i18n/server";
import { leaveTheStudy } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("withdraw");
  return { title: t("title") };
}

/** The second of two taps: no box to tick, no sign-in at any health system. */
export default async function LeaveStudyPage() {
  if (!(await currentParticipantId())) redirect("/me/sign-in");
  const keeps = env().WITHDRAWAL_POLICY === "keep";
  const { t } = await getParticipantT("withdraw");
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{t("heading")}</h1>
      <p className="text-lg">{t("what")}</p>
      <p className="text-lg">{keeps ? t("keeps") : t("deletes")}</p>
      <p className="text-lg">{t("again")}</p>
      <form action={leaveTheStudy} className="space-y-5">
        <div className="flex flex-wrap gap-3">
          <SubmitButton variant="danger">{t("yes")}</SubmitButton>
          <ButtonLink href="/me" variant="secondary">{t("no")}</ButtonLink>
        </div>
        <label className="flex flex-col gap-2 text-lg">
          {t("reason")}
          <textarea name="reason" maxLength={500} rows={3} className="rounded-lg border-2 border-slate-400 p-3 text-lg" />
        </label>
      </form>
    </article>
  );
}
