import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { FAILURE_PAGES, isEnrollmentFailure } from "@/lib/enrollment/failures";

export const metadata: Metadata = { title: "We could not connect your record" };

export default async function ProblemPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const page = FAILURE_PAGES[isEnrollmentFailure(reason) ? reason : "ehr-refused"];
  return (
    <article className="space-y-6" aria-labelledby="problem-title">
      <h1 id="problem-title" className="text-3xl font-bold">{page.title}</h1>
      <p className="text-lg">{page.message}</p>
      <div className="flex flex-wrap gap-3">
        <ButtonLink href={page.retryHref ?? "/connect/choose"}>{page.retryHref === "/connect" ? "Read the consent" : "Try again"}</ButtonLink>
        <ButtonLink href="/connect/choose" variant="secondary">Choose another health system</ButtonLink>
      </div>
    </article>
  );
}
