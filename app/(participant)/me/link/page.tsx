import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { SubmitButton } from "@/components/ui/submit-button";
import { previewSignInLink } from "@/lib/data/sign-in-links";
import { getParticipantT } from "@/lib/i18n/server";
import { signInWithLink } from "../actions";

// same-origin: the token never leaves in a Referer to another site, and the plain form post still carries an Origin (no-referrer makes it "null", which the POST guard refuses).
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("link");
  return { title: t("title"), referrer: "same-origin" };
}

type Params = { token?: string | string[]; problem?: string };

/**
 * The page an emailed link opens. Opening it changes nothing (mail scanners open links too); the
 * button signs in whichever browser it is pressed in, so a link opened on another device works there.
 */
export default async function LinkPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { token, problem } = await searchParams;
  const preview = problem ? null : await previewSignInLink(typeof token === "string" ? token : undefined);
  const refusal = problem ?? (preview && !preview.ok ? preview.reason : null);
  const { t } = await getParticipantT("link");
  if (refusal || !preview?.ok) {
    const which = refusal === "expired" || refusal === "used" ? refusal : "invalid";
    return (
      <article className="space-y-6">
        <h1 className="text-3xl font-bold">{t(`${which}Heading`)}</h1>
        <p className="text-lg">{t(`${which}Text`)}</p>
        <ButtonLink href="/me/sign-in">{t("again")}</ButtonLink>
      </article>
    );
  }
  const words = preview.purpose === "verify_email" ? "verify" : "signIn";
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{t(`${words}Heading`)}</h1>
      <p className="text-lg">{t(`${words}Intro`)}</p>
      <form action={signInWithLink}>
        <input type="hidden" name="token" value={token as string} />
        <SubmitButton>{t(`${words}Button`)}</SubmitButton>
      </form>
    </article>
  );
}
