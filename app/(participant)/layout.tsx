import { ParticipantSiteFrame } from "@/components/participant/site-frame";

/** Every participant page: the participant site's header, one readable column, and footer. */
export default function ParticipantLayout({ children }: { children: React.ReactNode }) {
  return <ParticipantSiteFrame>{children}</ParticipantSiteFrame>;
}
