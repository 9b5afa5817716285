import { ButtonLink } from "@/components/ui/button-link";
import { env } from "@/lib/env";

export default function LandingPage() {
  const { STUDY_NAME } = env();
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <p className="text-base font-medium text-blue-900">{STUDY_NAME}</p>
        <h1 className="text-3xl font-bold leading-tight">Share your health record with our research study</h1>
        <p className="text-lg">
          Doctors and researchers learn more when people share their health records. You can help by connecting
          your record from your health system. It takes about five minutes.
        </p>
      </header>

      <section aria-labelledby="what" className="space-y-2">
        <h2 id="what" className="text-2xl font-semibold">What is shared</h2>
        <ul className="list-disc space-y-1 pl-6 text-lg">
          <li>Your basic details: name, birth date, gender and address.</li>
          <li>Health information you choose to allow, such as test results, conditions, allergies, medicines and vaccines.</li>
        </ul>
      </section>

      <section aria-labelledby="why" className="space-y-2">
        <h2 id="why" className="text-2xl font-semibold">Why we ask</h2>
        <p className="text-lg">
          Your record helps the study understand health over time without extra visits or forms. You can stop sharing
          whenever you like.
        </p>
      </section>

      <section aria-labelledby="how" className="space-y-2">
        <h2 id="how" className="text-2xl font-semibold">How it works</h2>
        <ol className="list-decimal space-y-1 pl-6 text-lg">
          <li>Read and agree to the study&apos;s consent.</li>
          <li>Choose your health system.</li>
          <li>Sign in there and approve sharing.</li>
        </ol>
      </section>

      <ButtonLink href="/connect">Connect your health record</ButtonLink>
    </article>
  );
}
