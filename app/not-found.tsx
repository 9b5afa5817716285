import { ParticipantSiteFrame } from "@/components/participant/site-frame";
import { ButtonLink } from "@/components/ui/button-link";
import { getParticipantT } from "@/lib/i18n/server";

/** An address that matches no page: most visitors who mistype one are participants. */
export default async function NotFound() {
  const { t } = await getParticipantT("notFound");
  return (
    <ParticipantSiteFrame>
      <section className="space-y-4" aria-labelledby="nf-title">
        <h1 id="nf-title" className="text-3xl font-bold">{t("heading")}</h1>
        <p className="text-lg">{t("body")}</p>
        <ButtonLink href="/">{t("home")}</ButtonLink>
      </section>
    </ParticipantSiteFrame>
  );
}
