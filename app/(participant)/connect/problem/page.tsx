import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { SubmitButton } from "@/components/ui/submit-button";
import { getHealthSystem } from "@/lib/data/health-systems";
import { FAILURE_PAGES, isEnrollmentFailure } from "@/lib/enrollment/failures";
import { getParticipantT } from "@/lib/i18n/server";
import { connectToHealthSystem } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("problem");
  return { title: t("title") };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/**
 * What went wrong, and two ways on: "Try again" starts the SAME health system afresh (a form, so
 * it works without JavaScript), "Choose another health system" goes to the list.
 */
export default async function ProblemPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[]; hs?: string | string[] }> }) {
  const params = await searchParams;
  const reason = one(params.reason);
  const failure = isEnrollmentFailure(reason) ? reason : "ehr-refused";
  const page = FAILURE_PAGES[failure];
  const { t } = await getParticipantT("problem");
  const { t: words } = await getParticipantT("failures");
  const hsId = one(params.hs);
  const healthSystem = page.retry && !page.retryHref && /^[A-Za-z0-9_-]{1,64}$/.test(hsId) ? await getHealthSystem(hsId) : null;
  const other = Boolean(page.retryHref || healthSystem);
  return (
    <article className="space-y-6" aria-labelledby="problem-title">
      <h1 id="problem-title" className="text-3xl font-bold">{words(`${failure}.title`)}</h1>
      <p className="text-lg">{words(`${failure}.message`)}</p>
      <div className="flex flex-wrap gap-3">
        {page.retryHref && <ButtonLink href={page.retryHref}>{t("readConsent")}</ButtonLink>}
        {healthSystem && (
          <form action={connectToHealthSystem}>
            <input type="hidden" name="healthSystemId" value={healthSystem.id} />
            <SubmitButton>{t("tryAgain", { name: healthSystem.name })}</SubmitButton>
          </form>
        )}
        <ButtonLink href="/connect/choose" variant={other ? "secondary" : "primary"}>
          {other ? t("chooseAnother") : t("choose")}
        </ButtonLink>
      </div>
    </article>
  );
}
