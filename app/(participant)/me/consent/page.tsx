import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyAccount } from "@/lib/data/participant-accounts";
import { formatDay } from "@/lib/enrollment/status-words";
import { isLocale } from "@/lib/i18n/locales";
import { consentTexts } from "@/lib/study/consent";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Your consent" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  intro: "This is the consent you agreed to, word for word. Print this page, or save it as a PDF from your browser's Print menu, to keep a copy.",
  agreed: (day: string) => `You agreed on ${day}.`,
  version: (v: string) => `Consent version ${v}`,
  self: "You agreed to share your own health record.",
  representative: (whom: string) => `You agreed as someone acting for another person: ${whom}.`,
  unknownVersion: "The text of this consent version is no longer held by the portal. Please contact the study team for a copy.",
};

/** A printable copy of exactly the text and version the participant agreed to. */
export default async function MyConsentPage() {
  const me = await currentParticipant();
  const account = me ? await getMyAccount(me) : null;
  if (!account) redirect("/me/sign-in");
  // Exactly the text agreed to: its version, in the language it was read in.
  const locale = account.consentLocale && isLocale(account.consentLocale) ? account.consentLocale : "en";
  const text = account.consentVersion ? consentTexts[account.consentVersion]?.[locale] : undefined;
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">{env().STUDY_NAME}</p>
      <h1 className="text-3xl font-bold">{text?.title ?? "Your consent"}</h1>
      <p className="text-lg print:hidden">{TEXT.intro}</p>
      {text ? (
        <div className="space-y-4 rounded-lg border border-slate-300 bg-white p-5 text-lg leading-relaxed">
          {text.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : (
        <p className="text-lg">{TEXT.unknownVersion}</p>
      )}
      <div className="space-y-1 text-lg">
        {account.consentVersion && <p>{TEXT.version(account.consentVersion)}</p>}
        {account.consentedAt && <p>{TEXT.agreed(formatDay(account.consentedAt))}</p>}
        {account.consentCapacity === "representative" && account.representing ? <p>{TEXT.representative(account.representing)}</p> : account.consentCapacity === "self" ? <p>{TEXT.self}</p> : null}
      </div>
    </article>
  );
}
