import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipantId } from "@/lib/auth/participant-auth";
import { getParticipantT } from "@/lib/i18n/server";
import { requestSignInLink } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("signIn");
  return { title: t("title") };
}

type Params = { sent?: string; error?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  if (await currentParticipantId()) redirect("/me");
  const { sent, error } = await searchParams;
  const { t } = await getParticipantT("signIn");
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{t("heading")}</h1>
      {sent && <Notice tone="success">{t("sent")}</Notice>}
      {error === "too-many" && <Notice tone="error">{t("tooMany")}</Notice>}
      {error === "email" && <Notice tone="error">{t("badEmail")}</Notice>}
      <p className="text-lg">{t("intro")}</p>
      <form action={requestSignInLink} className="space-y-5">
        <div className="flex flex-col gap-2">
          <label htmlFor="email" className="text-lg font-semibold">{t("email")}</label>
          <input id="email" name="email" type="email" required autoComplete="email" maxLength={254} className="min-h-12 rounded-lg border-2 border-slate-500 px-3 text-lg" />
        </div>
        <SubmitButton>{t("send")}</SubmitButton>
      </form>
      <section aria-labelledby="join-title" className="space-y-3">
        <h2 id="join-title" className="text-2xl font-semibold">{t("notJoined")}</h2>
        <ButtonLink href="/connect" variant="secondary">{t("join")}</ButtonLink>
      </section>
    </article>
  );
}
