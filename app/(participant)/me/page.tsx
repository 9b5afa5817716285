import type { Metadata } from "next";
import { GrantedData } from "@/components/participant/granted-data";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyConnection } from "@/lib/data/participants";
import { getMyArrivedParts } from "@/lib/data/participant-arrived";
import { sharingEndsWords } from "@/lib/enrollment/date-words";
import { getParticipantT } from "@/lib/i18n/server";
import { connectToHealthSystem, signOutParticipant } from "../connect/actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("me");
  return { title: t("title") };
}

export default async function MyConnectionPage({ searchParams }: { searchParams: Promise<{ withdrawn?: string; notice?: string }> }) {
  const { withdrawn, notice } = await searchParams;
  const { t, format, locale } = await getParticipantT("me");
  const { t: statusLabel } = await getParticipantT("status");
  const day = (date: Date | null) => (date ? format.day(date) : t("notYet"));
  const me = await currentParticipant();
  const connection = me ? await getMyConnection(me) : null;
  if (!connection) {
    return (
      <article className="space-y-6">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-lg">
          {t("signInFirst")}
        </p>
        <ButtonLink href="/connect">{t("signIn")}</ButtonLink>
      </article>
    );
  }
  const isWithdrawn = connection.participantStatus === "withdrawn";
  const status = isWithdrawn ? "withdrawn" : connection.status;
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {notice === "already-connected" && <Notice tone="success">{t("alreadyConnected", { healthSystem: connection.healthSystemName })}</Notice>}
      {withdrawn && <Notice tone="success">{t("withdrawnNotice")}</Notice>}
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-300 bg-white p-5 text-lg sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("status")}</dt>
        <dd data-testid="connection-status">{statusLabel(status === "connected" || status === "needs_reconnect" || status === "withdrawn" ? status : "unknown")}</dd>
        <dt className="font-semibold">{t("healthSystem")}</dt>
        <dd>{connection.healthSystemName}</dd>
        {connection.displayName && (
          <>
            <dt className="font-semibold">{t("recordOf")}</dt>
            <dd>{connection.displayName}</dd>
          </>
        )}
        <dt className="font-semibold">{t("connectedSince")}</dt>
        <dd>{day(connection.connectedAt)}</dd>
        <dt className="font-semibold">{t("lastUpdated")}</dt>
        <dd>{day(connection.lastSyncAt)}</dd>
        {!isWithdrawn && (
          <>
            <dt className="font-semibold">{t("sharingEnds")}</dt>
            <dd data-testid="sharing-ends">{sharingEndsWords(connection.approvalExpiresAt, connection.approvalFromEhr, locale, t("notTold"))}</dd>
          </>
        )}
        {isWithdrawn && (
          <>
            <dt className="font-semibold">{t("withdrawnOn")}</dt>
            <dd>{day(connection.withdrawnAt)}</dd>
          </>
        )}
      </dl>
      {status === "needs_reconnect" && (
        <Notice tone="error">{t("needsReconnect")}</Notice>
      )}
      {!isWithdrawn && <GrantedData requested={connection.requestedScope} granted={connection.grantedScope} hasRefreshToken={connection.hasRefreshToken} arrived={me ? await getMyArrivedParts(me, connection.healthSystemId) : []} />}
      {isWithdrawn && <p className="text-lg">{t("rejoinExplained")}</p>}
      <div className="flex flex-wrap gap-3">
        {isWithdrawn ? (
          <ButtonLink href="/connect">{t("takePartAgain")}</ButtonLink>
        ) : (
          <form action={connectToHealthSystem}>
            <input type="hidden" name="healthSystemId" value={connection.healthSystemId} />
            <SubmitButton variant={status === "connected" ? "secondary" : "primary"}>{t("reconnect")}</SubmitButton>
          </form>
        )}
        {!isWithdrawn && <ButtonLink href="/me/withdraw" variant="secondary">{t("withdraw")}</ButtonLink>}
        <form action={signOutParticipant}>
          <SubmitButton variant="secondary">{t("signOut")}</SubmitButton>
        </form>
      </div>
    </article>
  );
}
