import type { Metadata } from "next";
import { ConsentAccountFields } from "@/components/participant/consent-account-fields";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { env } from "@/lib/env";
import { getParticipantT } from "@/lib/i18n/server";
import { consentText } from "@/lib/study/consent";
import { agreeToConsent } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("consent");
  return { title: t("title") };
}

const ERRORS = { agree: "errorAgree", consent: "errorConsent", email: "errorEmail", representing: "errorRepresenting" } as const;

export default async function ConsentPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const { STUDY_NAME, CONSENT_VERSION } = env();
  const { t, locale } = await getParticipantT("consent");
  const text = consentText(CONSENT_VERSION, locale);
  const problem = error && Object.hasOwn(ERRORS, error) ? ERRORS[error as keyof typeof ERRORS] : null;
  // A signed-in participant reconnecting under an older consent version, or where they stopped sharing.
  const reconsent = error === "reconsent" ? (await getParticipantT("reconsent")).t("notice") : null;
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">{t("step", { study: STUDY_NAME })}</p>
      <h1 className="text-3xl font-bold">{text.title}</h1>
      {problem && <Notice tone="error">{t(problem)}</Notice>}
      {reconsent && <Notice>{reconsent}</Notice>}
      <div className="space-y-4 rounded-lg border border-slate-300 bg-white p-5 text-lg leading-relaxed">
        {text.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <p className="text-base text-slate-700">{t("version", { version: text.version })}</p>
      </div>
      <p className="text-lg">{t("copy")}</p>
      <form action={agreeToConsent} className="space-y-6">
        <ConsentAccountFields
          words={{
            email: t("email"),
            emailHint: t("emailHint"),
            whose: t("whose"),
            self: t("self"),
            representative: t("representative"),
            representing: t("representing"),
            representingHint: t("representingHint"),
          }}
        />
        <label className="flex items-start gap-3 text-lg">
          <input type="checkbox" name="agree" value="yes" required className="mt-1 h-7 w-7 shrink-0" />
          <span>{t("agree")}</span>
        </label>
        {/* The language of the text agreed to, for Participant.consentLocale. */}
        <input type="hidden" name="consentLocale" value={text.locale} />
        <SubmitButton>{t("continue")}</SubmitButton>
      </form>
    </article>
  );
}
