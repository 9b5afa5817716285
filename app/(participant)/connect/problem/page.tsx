import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { FAILURE_PAGES, isEnrollmentFailure } from "@/lib/enrollment/failures";
import { getParticipantT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("problem");
  return { title: t("title") };
}

export default async function ProblemPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const failure = isEnrollmentFailure(reason) ? reason : "ehr-refused";
  const page = FAILURE_PAGES[failure];
  const { t } = await getParticipantT("problem");
  const { t: words } = await getParticipantT("failures");
  return (
    <article className="space-y-6" aria-labelledby="problem-title">
      <h1 id="problem-title" className="text-3xl font-bold">{words(`${failure}.title`)}</h1>
      <p className="text-lg">{words(`${failure}.message`)}</p>
      <div className="flex flex-wrap gap-3">
        <ButtonLink href={page.retryHref ?? "/connect/choose"}>{page.retryHref === "/connect" ? t("readConsent") : t("tryAgain")}</ButtonLink>
        <ButtonLink href="/connect/choose" variant="secondary">{t("chooseAnother")}</ButtonLink>
      </div>
    </article>
  );
}
