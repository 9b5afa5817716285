import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button-link";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { listMyConnections } from "@/lib/data/participant-accounts";
import { env } from "@/lib/env";
import { stopSharingFromHealthSystem } from "../actions";

export const metadata: Metadata = { title: "Stop sharing from a health system" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  heading: (name: string) => `Stop sharing from ${name}?`,
  what: "The study stops collecting your record from this health system, and asks it to end the study's access where it can. You stay in the study with your other health systems.",
  keeps: "The study keeps the copy of this record it already collected, as its consent explained.",
  deletes: "The copy of this record the study collected is deleted.",
  yes: "Yes, stop sharing",
  no: "Keep sharing",
};

export default async function StopSharingPage({ searchParams }: { searchParams: Promise<{ connection?: string }> }) {
  const me = await currentParticipant();
  if (!me) redirect("/me/sign-in");
  const { connection: id } = await searchParams;
  const connection = (await listMyConnections(me)).find((c) => c.id === id && c.status !== "withdrawn");
  if (!connection) redirect("/me");
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{TEXT.heading(connection.healthSystemName)}</h1>
      <p className="text-lg">{TEXT.what}</p>
      <p className="text-lg">{env().WITHDRAWAL_POLICY === "keep" ? TEXT.keeps : TEXT.deletes}</p>
      <form action={stopSharingFromHealthSystem} className="flex flex-wrap gap-3">
        <input type="hidden" name="connectionId" value={connection.id} />
        <SubmitButton variant="danger">{TEXT.yes}</SubmitButton>
        <ButtonLink href="/me" variant="secondary">{TEXT.no}</ButtonLink>
      </form>
    </article>
  );
}
