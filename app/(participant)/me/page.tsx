import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConnectionCard } from "@/components/participant/connection-card";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyAccount, listMyConnections } from "@/lib/data/participant-accounts";
import { connectToHealthSystem, signOutParticipant } from "../connect/actions";

export const metadata: Metadata = { title: "My study" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  heading: "My study",
  left: "You have left the study",
  signedIn: "You are signed in.",
  stopped: "You stopped sharing from this health system. The study will not collect anything more from it.",
  leftNotice: "You have left the study. It will not collect anything more from your health records. We have sent you an email that confirms it.",
  participantId: (id: string) => `Your study participant id: ${id}`,
  email: (email: string, confirmed: boolean) => `Your email: ${email}${confirmed ? "" : " (not confirmed yet: open the link we sent you)"}`,
  noConnections: "You do not share from any health system at the moment.",
  add: "Add another health system",
  takePartAgain: "Take part again",
  againHint: "To take part again, you will first read the study consent and agree to it again.",
  leave: "Leave the study",
  consent: "Your consent (to print or keep)",
  signOut: "Sign out",
};

type Params = { signedIn?: string; stopped?: string; left?: string };

export default async function MyStudyPage({ searchParams }: { searchParams: Promise<Params> }) {
  const me = await currentParticipant();
  const account = me ? await getMyAccount(me) : null;
  if (!me || !account) redirect("/me/sign-in");
  const params = await searchParams;
  const connections = await listMyConnections(me);
  const left = account.status === "withdrawn";
  const live = connections.some((c) => c.status !== "withdrawn");
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{left ? TEXT.left : TEXT.heading}</h1>
      {params.signedIn && <Notice tone="success">{TEXT.signedIn}</Notice>}
      {params.stopped && <Notice tone="success">{TEXT.stopped}</Notice>}
      {params.left && <Notice tone="success">{TEXT.leftNotice}</Notice>}
      <div className="space-y-1 text-lg">
        {account.studyId && <p>{TEXT.participantId(account.studyId)}</p>}
        {account.email && <p>{TEXT.email(account.email, account.emailVerified)}</p>}
      </div>
      {connections.length === 0 && <p className="text-lg">{TEXT.noConnections}</p>}
      {connections.map((c) => (
        <ConnectionCard key={c.id} connection={c} reconnectAction={connectToHealthSystem} />
      ))}
      {left && <p className="text-lg">{TEXT.againHint}</p>}
      <div className="flex flex-wrap gap-3">
        {left ? <ButtonLink href="/connect">{TEXT.takePartAgain}</ButtonLink> : <ButtonLink href="/connect/choose">{TEXT.add}</ButtonLink>}
        {!left && live && (
          <ButtonLink href="/me/withdraw" variant="secondary">
            {TEXT.leave}
          </ButtonLink>
        )}
        {account.consentVersion && (
          <ButtonLink href="/me/consent" variant="secondary">
            {TEXT.consent}
          </ButtonLink>
        )}
        <form action={signOutParticipant}>
          <SubmitButton variant="secondary">{TEXT.signOut}</SubmitButton>
        </form>
      </div>
    </article>
  );
}
