import type { Metadata } from "next";
import { GrantedData } from "@/components/participant/granted-data";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyArrivedParts } from "@/lib/data/participant-arrived";
import { getMyConnection } from "@/lib/data/participants";
import { sharingEndsWords } from "@/lib/enrollment/date-words";
import { connectionStatusLabel, formatDay } from "@/lib/enrollment/status-words";
import { connectToHealthSystem, signOutParticipant } from "../connect/actions";

export const metadata: Metadata = { title: "My connection" };

export default async function MyConnectionPage({ searchParams }: { searchParams: Promise<{ withdrawn?: string; notice?: string }> }) {
  const { withdrawn, notice } = await searchParams;
  const me = await currentParticipant();
  const connection = me ? await getMyConnection(me) : null;
  if (!connection) {
    return (
      <article className="space-y-6">
        <h1 className="text-3xl font-bold">My connection</h1>
        <p className="text-lg">
          To see your connection, sign in through your health system again. If you have not joined yet, you can start now.
        </p>
        <ButtonLink href="/connect">Sign in through your health system</ButtonLink>
      </article>
    );
  }
  const isWithdrawn = connection.participantStatus === "withdrawn";
  const status = isWithdrawn ? "withdrawn" : connection.status;
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">My connection</h1>
      {notice === "already-connected" && (
        <Notice tone="success">You are already connected to {connection.healthSystemName}. There is nothing more to do.</Notice>
      )}
      {withdrawn && <Notice tone="success">You have withdrawn. The study will not collect anything more from your health record.</Notice>}
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-300 bg-white p-5 text-lg sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Status</dt>
        <dd data-testid="connection-status">{connectionStatusLabel(status)}</dd>
        <dt className="font-semibold">Health system</dt>
        <dd>{connection.healthSystemName}</dd>
        {connection.displayName && (
          <>
            <dt className="font-semibold">Record of</dt>
            <dd>{connection.displayName}</dd>
          </>
        )}
        <dt className="font-semibold">Connected since</dt>
        <dd>{formatDay(connection.connectedAt)}</dd>
        <dt className="font-semibold">Last updated</dt>
        <dd>{formatDay(connection.lastSyncAt)}</dd>
        {!isWithdrawn && (
          <>
            <dt className="font-semibold">Sharing ends</dt>
            <dd data-testid="sharing-ends">{sharingEndsWords(connection.approvalExpiresAt, connection.approvalFromEhr)}</dd>
          </>
        )}
        {isWithdrawn && (
          <>
            <dt className="font-semibold">Withdrawn on</dt>
            <dd>{formatDay(connection.withdrawnAt)}</dd>
          </>
        )}
      </dl>
      {status === "needs_reconnect" && (
        <Notice tone="error">Your health system stopped the study&apos;s access. Please reconnect to keep sharing.</Notice>
      )}
      {!isWithdrawn && <GrantedData requested={connection.requestedScope} granted={connection.grantedScope} hasRefreshToken={connection.hasRefreshToken} arrived={me ? await getMyArrivedParts(me, connection.healthSystemId) : []} />}
      {isWithdrawn && <p className="text-lg">To take part again, you will first read the study consent and agree to it again.</p>}
      <div className="flex flex-wrap gap-3">
        {isWithdrawn ? (
          <ButtonLink href="/connect">Take part again</ButtonLink>
        ) : (
          <form action={connectToHealthSystem}>
            <input type="hidden" name="healthSystemId" value={connection.healthSystemId} />
            <SubmitButton variant={status === "connected" ? "secondary" : "primary"}>Reconnect</SubmitButton>
          </form>
        )}
        {!isWithdrawn && <ButtonLink href="/me/withdraw" variant="secondary">Withdraw</ButtonLink>}
        <form action={signOutParticipant}>
          <SubmitButton variant="secondary">Sign out</SubmitButton>
        </form>
      </div>
    </article>
  );
}
