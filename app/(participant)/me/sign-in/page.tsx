import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipantId } from "@/lib/auth/participant-auth";
import { requestSignInLink } from "../actions";

export const metadata: Metadata = { title: "Sign in to My study" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  heading: "Sign in to My study",
  intro: "Type the email address you gave when you joined. We will email you a link that signs you in. No password, and no need to sign in at your health system.",
  email: "Your email address",
  send: "Email me a sign-in link",
  sent: "Thank you. If this address belongs to someone taking part in the study, we have sent a sign-in link to it. The link works once, within 15 minutes. Check your spam folder if it does not arrive.",
  tooMany: "Too many sign-in links were asked for in a short time. Please wait 15 minutes, then try again.",
  badEmail: "Please type a whole email address, such as name@example.com.",
  notJoined: "Have not joined yet?",
  join: "Join the study",
};

type Params = { sent?: string; error?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  if (await currentParticipantId()) redirect("/me");
  const { sent, error } = await searchParams;
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{TEXT.heading}</h1>
      {sent && <Notice tone="success">{TEXT.sent}</Notice>}
      {error === "too-many" && <Notice tone="error">{TEXT.tooMany}</Notice>}
      {error === "email" && <Notice tone="error">{TEXT.badEmail}</Notice>}
      <p className="text-lg">{TEXT.intro}</p>
      <form action={requestSignInLink} className="space-y-5">
        <div className="flex flex-col gap-2">
          <label htmlFor="email" className="text-lg font-semibold">{TEXT.email}</label>
          <input id="email" name="email" type="email" required autoComplete="email" maxLength={254} className="min-h-12 rounded-lg border-2 border-slate-500 px-3 text-lg" />
        </div>
        <SubmitButton>{TEXT.send}</SubmitButton>
      </form>
      <section aria-labelledby="join-title" className="space-y-3">
        <h2 id="join-title" className="text-2xl font-semibold">{TEXT.notJoined}</h2>
        <ButtonLink href="/connect" variant="secondary">{TEXT.join}</ButtonLink>
      </section>
    </article>
  );
}
