import type { Metadata } from "next";
import { ConsentAccountFields } from "@/components/participant/consent-account-fields";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { env } from "@/lib/env";
import { consentText } from "@/lib/study/consent";
import { agreeToConsent } from "./actions";

export const metadata: Metadata = { title: "Study consent" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  step: (study: string) => `Step 1 of 3 · ${study}`,
  version: (v: string) => `Consent version ${v}`,
  agree: "I have read this and I agree to share the health record with the study.",
  continue: "Continue",
  copy: "A copy of this consent is yours to keep: after connecting, you can print it from “My study”.",
  errors: {
    agree: "Please tick the box to say you agree, or close this page if you do not want to take part.",
    consent: "Please read and agree to the consent first. It is needed before connecting.",
    email: "Please give an email address we can write to, such as name@example.com.",
    representing: "Please say whose record you are sharing, and how you are related to them.",
  } as Record<string, string>,
};

export default async function ConsentPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const { STUDY_NAME, CONSENT_VERSION } = env();
  const text = consentText(CONSENT_VERSION);
  const problem = error ? TEXT.errors[error] : undefined;
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">{TEXT.step(STUDY_NAME)}</p>
      <h1 className="text-3xl font-bold">{text.title}</h1>
      {problem && <Notice tone="error">{problem}</Notice>}
      <div className="space-y-4 rounded-lg border border-slate-300 bg-white p-5 text-lg leading-relaxed">
        {text.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <p className="text-base text-slate-700">{TEXT.version(text.version)}</p>
      </div>
      <p className="text-lg">{TEXT.copy}</p>
      <form action={agreeToConsent} className="space-y-6">
        <ConsentAccountFields />
        <label className="flex items-start gap-3 text-lg">
          <input type="checkbox" name="agree" value="yes" required className="mt-1 h-7 w-7 shrink-0" />
          <span>{TEXT.agree}</span>
        </label>
        <SubmitButton>{TEXT.continue}</SubmitButton>
      </form>
    </article>
  );
}
