import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipantId } from "@/lib/auth/participant-auth";
import { env } from "@/lib/env";
import { getParticipantT } from "@/lib/i18n/server";
import { withdraw } from "../../connect/actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("withdraw");
  return { title: t("title") };
}

export default async function WithdrawPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (!(await currentParticipantId())) redirect("/me");
  const { error } = await searchParams;
  const keeps = env().WITHDRAWAL_POLICY === "keep";
  const { t } = await getParticipantT("withdraw");
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-lg">
        {t("explain")} {keeps ? t("keeps") : t("deletes")} {t("rejoin")}
      </p>
      {error === "confirm" && <Notice tone="error">{t("errorConfirm")}</Notice>}
      <form action={withdraw} className="space-y-5">
        <label className="flex flex-col gap-2 text-lg">
          {t("reason")}
          <textarea name="reason" maxLength={500} rows={3} className="rounded-lg border-2 border-slate-400 p-3 text-lg" />
        </label>
        <label className="flex items-start gap-3 text-lg">
          <input type="checkbox" name="confirm" value="yes" required className="mt-1 h-7 w-7 shrink-0" />
          <span>{t("confirm")}</span>
        </label>
        <div className="flex flex-wrap gap-3">
          <SubmitButton variant="danger">{t("submit")}</SubmitButton>
          <ButtonLink href="/me" variant="secondary">{t("keepSharing")}</ButtonLink>
        </div>
      </form>
    </article>
  );
}
