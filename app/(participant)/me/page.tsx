import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConnectionCard } from "@/components/participant/connection-card";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyAccount, listMyConnections } from "@/lib/data/participant-accounts";
import { getMyArrivedParts } from "@/lib/data/participant-arrived";
import { getParticipantT } from "@/lib/i18n/server";
import { connectToHealthSystem, signOutParticipant } from "../connect/actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("me");
  return { title: t("title") };
}

type Params = { signedIn?: string; stopped?: string; left?: string; notice?: string };

export default async function MyStudyPage({ searchParams }: { searchParams: Promise<Params> }) {
  const me = await currentParticipant();
  const account = me ? await getMyAccount(me) : null;
  if (!me || !account) redirect("/me/sign-in");
  const params = await searchParams;
  const { t } = await getParticipantT("me");
  const connections = await listMyConnections(me);
  const arrived = await Promise.all(connections.map((c) => (c.status === "withdrawn" ? [] : getMyArrivedParts(me, c.healthSystemId))));
  const left = account.status === "withdrawn";
  const live = new Set(connections.filter((c) => c.status !== "withdrawn").map((c) => c.healthSystemId));
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{left ? t("left") : t("title")}</h1>
      {params.signedIn && <Notice tone="success">{t("signedIn")}</Notice>}
      {params.notice === "already-connected" && <Notice tone="success">{t("alreadyConnectedAny")}</Notice>}
      {params.stopped && <Notice tone="success">{t("stopped")}</Notice>}
      {params.left && <Notice tone="success">{t("leftNotice")}</Notice>}
      <div className="space-y-1 text-lg">
        {account.studyId && <p>{t("participantId", { id: account.studyId })}</p>}
        {account.email && <p>{t(account.emailVerified ? "email" : "emailUnconfirmed", { email: account.email })}</p>}
      </div>
      {connections.length === 0 && <p className="text-lg">{t("noConnections")}</p>}
      {connections.map((c, i) => (
        <ConnectionCard key={c.id} connection={c} reconnectAction={connectToHealthSystem} arrived={arrived[i]} canShareAgain={!left && !live.has(c.healthSystemId)} />
      ))}
      {left && <p className="text-lg">{t("againHint")}</p>}
      <div className="flex flex-wrap gap-3">
        {left ? <ButtonLink href="/connect">{t("takePartAgain")}</ButtonLink> : <ButtonLink href="/connect/choose">{t("add")}</ButtonLink>}
        {!left && live.size > 0 && (
          <ButtonLink href="/me/withdraw" variant="secondary">
            {t("leave")}
          </ButtonLink>
        )}
        {account.consentVersion && (
          <ButtonLink href="/me/consent" variant="secondary">
            {t("consent")}
          </ButtonLink>
        )}
        <form action={signOutParticipant}>
          <SubmitButton variant="secondary">{t("signOut")}</SubmitButton>
        </form>
      </div>
    </article>
  );
}
