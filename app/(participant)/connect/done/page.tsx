import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { GrantedData } from "@/components/participant/granted-data";
import { ButtonLink } from "@/components/ui/button-link";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyAccount } from "@/lib/data/participant-accounts";
import { getMyConnection } from "@/lib/data/participants";

export const metadata: Metadata = { title: "You are connected" };

export default async function ConnectedPage() {
  const me = await currentParticipant();
  if (!me) redirect("/me");
  const connection = await getMyConnection(me);
  if (!connection) redirect("/me");
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">Step 3 of 3</p>
      <h1 className="text-3xl font-bold">
        {/* Someone acting for another person is thanked as themselves, never as the person whose record it is. */}
        {(await getMyAccount(me))?.consentCapacity === "representative"
          ? `Thank you. ${connection.displayName ? `The record of ${connection.displayName}` : "The record"} is connected.`
          : `Thank you${connection.displayName ? `, ${connection.displayName}` : ""}. Your record is connected.`}
      </h1>
      <p className="text-lg">
        {connection.displayName
          ? `${connection.healthSystemName} shared the record of ${connection.displayName} with the study.`
          : `${connection.healthSystemName} approved sharing. We could not read your details yet; we will try again later.`}
      </p>
      <GrantedData requested={connection.requestedScope} granted={connection.grantedScope} hasRefreshToken={connection.hasRefreshToken} />
      <section aria-labelledby="next-title" className="space-y-2">
        <h2 id="next-title" className="text-2xl font-semibold">What happens next</h2>
        <p className="text-lg">
          The study will keep a copy of your record up to date while your approval lasts. You do not need to do anything
          else. You can see your connection, or stop sharing, at any time on the “My study” page.
        </p>
      </section>
      <ButtonLink href="/me">Go to My study</ButtonLink>
    </article>
  );
}
