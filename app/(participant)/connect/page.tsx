import type { Metadata } from "next";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { env } from "@/lib/env";
import { consentText } from "@/lib/study/consent";
import { agreeToConsent } from "./actions";

export const metadata: Metadata = { title: "Study consent" };

export default async function ConsentPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const { STUDY_NAME, CONSENT_VERSION } = env();
  const text = consentText(CONSENT_VERSION);
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">Step 1 of 3 · {STUDY_NAME}</p>
      <h1 className="text-3xl font-bold">{text.title}</h1>
      {error === "agree" && <Notice tone="error">Please tick the box to say you agree, or close this page if you do not want to take part.</Notice>}
      {error === "consent" && <Notice tone="error">Please read and agree to the consent first. It is needed before connecting.</Notice>}
      <div className="space-y-4 rounded-lg border border-slate-300 bg-white p-5 text-lg leading-relaxed">
        {text.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <p className="text-base text-slate-700">Consent version {text.version}</p>
      </div>
      <form action={agreeToConsent} className="space-y-5">
        <label className="flex items-start gap-3 text-lg">
          <input type="checkbox" name="agree" value="yes" required className="mt-1 h-7 w-7 shrink-0" />
          <span>I have read this and I agree to share my health record with the study.</span>
        </label>
        <SubmitButton>Continue</SubmitButton>
      </form>
    </article>
  );
}
