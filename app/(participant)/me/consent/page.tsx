import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyAccount } from "@/lib/data/participant-accounts";
import { isLocale } from "@/lib/i18n/locales";
import { getParticipantT } from "@/lib/i18n/server";
import { consentTexts } from "@/lib/study/consent";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("myConsent");
  return { title: t("title") };
}

/** A printable copy of exactly the text and version the participant agreed to. */
export default async function MyConsentPage() {
  const me = await currentParticipant();
  const account = me ? await getMyAccount(me) : null;
  if (!account) redirect("/me/sign-in");
  const { t, format } = await getParticipantT("myConsent");
  // Exactly the text agreed to: its version, in the language it was read in.
  const locale = account.consentLocale && isLocale(account.consentLocale) ? account.consentLocale : "en";
  const text = account.consentVersion ? consentTexts[account.consentVersion]?.[locale] : undefined;
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">{env().STUDY_NAME}</p>
      <h1 className="text-3xl font-bold">{text?.title ?? t("title")}</h1>
      <p className="text-lg print:hidden">{t("intro")}</p>
      {text ? (
        <div className="space-y-4 rounded-lg border border-slate-300 bg-white p-5 text-lg leading-relaxed">
          {text.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : (
        <p className="text-lg">{t("unknownVersion")}</p>
      )}
      <div className="space-y-1 text-lg">
        {account.consentVersion && <p>{t("version", { version: account.consentVersion })}</p>}
        {account.consentedAt && <p>{t("agreed", { day: format.day(account.consentedAt) })}</p>}
        {account.consentCapacity === "representative" && account.representing ? <p>{t("representative", { whom: account.representing })}</p> : account.consentCapacity === "self" ? <p>{t("self")}</p> : null}
      </div>
    </article>
  );
}
