import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button-link";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { listMyConnections } from "@/lib/data/participant-accounts";
import { env } from "@/lib/env";
import { getParticipantT } from "@/lib/i18n/server";
import { stopSharingFromHealthSystem } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("stop");
  return { title: t("title") };
}

export default async function StopSharingPage({ searchParams }: { searchParams: Promise<{ connection?: string }> }) {
  const me = await currentParticipant();
  if (!me) redirect("/me/sign-in");
  const { connection: id } = await searchParams;
  const connection = (await listMyConnections(me)).find((c) => c.id === id && c.status !== "withdrawn");
  if (!connection) redirect("/me");
  const { t } = await getParticipantT("stop");
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{t("heading", { name: connection.healthSystemName })}</h1>
      <p className="text-lg">{t("what")}</p>
      <p className="text-lg">{env().WITHDRAWAL_POLICY === "keep" ? t("keeps") : t("deletes")}</p>
      <form action={stopSharingFromHealthSystem} className="flex flex-wrap gap-3">
        <input type="hidden" name="connectionId" value={connection.id} />
        <SubmitButton variant="danger">{t("yes")}</SubmitButton>
        <ButtonLink href="/me" variant="secondary">{t("no")}</ButtonLink>
      </form>
    </article>
  );
}
