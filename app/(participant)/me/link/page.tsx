import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { SubmitButton } from "@/components/ui/submit-button";
import { previewSignInLink } from "@/lib/data/sign-in-links";
import { signInWithLink } from "../actions";

// same-origin: the token never leaves in a Referer to another site, and the plain form post still carries an Origin (no-referrer makes it "null", which the POST guard refuses).
export const metadata: Metadata = { title: "Sign in to My study", referrer: "same-origin" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  signIn: { heading: "Sign in to My study", intro: "Press the button to sign in on this device. The link then stops working.", button: "Sign in" },
  verify: { heading: "Confirm your email", intro: "Press the button to confirm your email address and sign in on this device.", button: "Confirm my email" },
  problems: {
    expired: { heading: "This link has expired", text: "Sign-in links work for 15 minutes. Please ask for a new one." },
    used: { heading: "This link was already used", text: "Each link works once. If it was you, you may already be signed in on the device where you opened it first. Otherwise, ask for a new link." },
    invalid: { heading: "This link does not work", text: "It may be incomplete: copy the whole link from the email, or ask for a new one." },
  },
  again: "Email me a new link",
};

type Params = { token?: string | string[]; problem?: string };

/**
 * The page an emailed link opens. Opening it changes nothing (mail scanners open links too); the
 * button signs in whichever browser it is pressed in, so a link opened on another device works there.
 */
export default async function LinkPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { token, problem } = await searchParams;
  const preview = problem ? null : await previewSignInLink(typeof token === "string" ? token : undefined);
  const refusal = problem ?? (preview && !preview.ok ? preview.reason : null);
  if (refusal || !preview?.ok) {
    const words = TEXT.problems[refusal === "expired" || refusal === "used" ? refusal : "invalid"];
    return (
      <article className="space-y-6">
        <h1 className="text-3xl font-bold">{words.heading}</h1>
        <p className="text-lg">{words.text}</p>
        <ButtonLink href="/me/sign-in">{TEXT.again}</ButtonLink>
      </article>
    );
  }
  const words = preview.purpose === "verify_email" ? TEXT.verify : TEXT.signIn;
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{words.heading}</h1>
      <p className="text-lg">{words.intro}</p>
      <form action={signInWithLink}>
        <input type="hidden" name="token" value={token as string} />
        <SubmitButton>{words.button}</SubmitButton>
      </form>
    </article>
  );
}
