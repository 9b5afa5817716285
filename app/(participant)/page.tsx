import { ButtonLink } from "@/components/ui/button-link";
import { env } from "@/lib/env";
import { getParticipantT } from "@/lib/i18n/server";

export default async function LandingPage() {
  const { STUDY_NAME } = env();
  const { t } = await getParticipantT("landing");
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <p className="text-base font-medium text-blue-900">{STUDY_NAME}</p>
        <h1 className="text-3xl font-bold leading-tight">{t("heading")}</h1>
        <p className="text-lg">{t("intro")}</p>
      </header>

      <section aria-labelledby="what" className="space-y-2">
        <h2 id="what" className="text-2xl font-semibold">{t("whatTitle")}</h2>
        <ul className="list-disc space-y-1 pl-6 text-lg">
          <li>{t("whatDetails")}</li>
          <li>{t("whatHealth")}</li>
        </ul>
      </section>

      <section aria-labelledby="why" className="space-y-2">
        <h2 id="why" className="text-2xl font-semibold">{t("whyTitle")}</h2>
        <p className="text-lg">{t("why")}</p>
      </section>

      <section aria-labelledby="how" className="space-y-2">
        <h2 id="how" className="text-2xl font-semibold">{t("howTitle")}</h2>
        <ol className="list-decimal space-y-1 pl-6 text-lg">
          <li>{t("howConsent")}</li>
          <li>{t("howChoose")}</li>
          <li>{t("howApprove")}</li>
        </ol>
      </section>

      <ButtonLink href="/connect">{t("start")}</ButtonLink>
    </article>
  );
}
