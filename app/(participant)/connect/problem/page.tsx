import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { SubmitButton } from "@/components/ui/submit-button";
import { getHealthSystem } from "@/lib/data/health-systems";
import { FAILURE_PAGES, isEnrollmentFailure } from "@/lib/enrollment/failures";
import { connectToHealthSystem } from "../actions";

export const metadata: Metadata = { title: "We could not connect your record" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  tryAgain: (name: string) => `Try again with ${name}`,
  readConsent: "Read the consent",
  chooseAnother: "Choose another health system",
  choose: "Choose your health system",
};

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/**
 * What went wrong, and two ways on: "Try again" starts the SAME health system afresh (a form, so
 * it works without JavaScript), "Choose another health system" goes to the list.
 */
export default async function ProblemPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[]; hs?: string | string[] }> }) {
  const params = await searchParams;
  const reason = one(params.reason);
  const page = FAILURE_PAGES[isEnrollmentFailure(reason) ? reason : "ehr-refused"];
  const hsId = one(params.hs);
  const healthSystem = page.retry && !page.retryHref && /^[A-Za-z0-9_-]{1,64}$/.test(hsId) ? await getHealthSystem(hsId) : null;
  return (
    <article className="space-y-6" aria-labelledby="problem-title">
      <h1 id="problem-title" className="text-3xl font-bold">{page.title}</h1>
      <p className="text-lg">{page.message}</p>
      <div className="flex flex-wrap gap-3">
        {page.retryHref && <ButtonLink href={page.retryHref}>{TEXT.readConsent}</ButtonLink>}
        {healthSystem && (
          <form action={connectToHealthSystem}>
            <input type="hidden" name="healthSystemId" value={healthSystem.id} />
            <SubmitButton>{TEXT.tryAgain(healthSystem.name)}</SubmitButton>
          </form>
        )}
        <ButtonLink href="/connect/choose" variant={page.retryHref || healthSystem ? "secondary" : "primary"}>
          {page.retryHref || healthSystem ? TEXT.chooseAnother : TEXT.choose}
        </ButtonLink>
      </div>
    </article>
  );
}
