import { ParticipantSiteFrame } from "@/components/participant/site-frame";
import { ButtonLink } from "@/components/ui/button-link";

/** An address that matches no page: most visitors who mistype one are participants. */
export default function NotFound() {
  return (
    <ParticipantSiteFrame>
      <section className="space-y-4" aria-labelledby="nf-title">
        <h1 id="nf-title" className="text-3xl font-bold">Page not found</h1>
        <p className="text-lg">We could not find that page. It may have moved, or the link may be wrong.</p>
        <ButtonLink href="/">Go to the start page</ButtonLink>
      </section>
    </ParticipantSiteFrame>
  );
}
