import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { GrantedData } from "@/components/participant/granted-data";
import { RecordReceiving } from "@/components/participant/record-receiving";
import { ButtonLink } from "@/components/ui/button-link";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyAccount } from "@/lib/data/participant-accounts";
import { getMyConnection } from "@/lib/data/participants";
import { getMyRecordStatus } from "@/lib/data/record-progress";
import { getMyWhoseRecordQuestion } from "@/lib/data/whose-record";
import { getParticipantT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("done");
  return { title: t("title") };
}

/** After the health system's approval: thanks, the record arriving (then what arrived), what was shared. */
export default async function ConnectedPage({ searchParams }: { searchParams: Promise<{ updates?: string | string[] }> }) {
  const me = await currentParticipant();
  if (!me) redirect("/me");
  const [connection, record] = await Promise.all([getMyConnection(me), getMyRecordStatus(me)]);
  if (!connection) redirect("/me");
  // Never thanked before saying whose record it is, when the portal had to ask.
  if (await getMyWhoseRecordQuestion(me)) redirect("/connect/whose");
  const updatesOff = (await searchParams).updates === "off";
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const { t, locale } = await getParticipantT("done");
  const name = connection.displayName;
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">{t("step")}</p>
      <h1 className="text-3xl font-bold">
        {/* Someone acting for another person is thanked as themselves, never as the person whose record it is. */}
        {name && actsFor(connection.whoseRecordAnswer, (await getMyAccount(me))?.consentCapacity) ? t("thanksRepresentative", { name }) : name ? t("thanksNamed", { name }) : t("thanks")}
      </h1>
      <p className="text-lg">
        {name ? t("sharedNamed", { healthSystem: connection.healthSystemName, name }) : t("sharedUnnamed", { healthSystem: connection.healthSystemName })}
      </p>
      {record && <RecordReceiving status={record} updatesOff={updatesOff} path="/connect/done" locale={locale} nonce={nonce} />}
      <GrantedData requested={connection.requestedScope} granted={connection.grantedScope} hasRefreshToken={connection.hasRefreshToken} />
      <section aria-labelledby="next-title" className="space-y-2">
        <h2 id="next-title" className="text-2xl font-semibold">{t("nextTitle")}</h2>
        <p className="text-lg">
          {t("next")}
        </p>
      </section>
      <ButtonLink href="/me">{t("goToMe")}</ButtonLink>
    </article>
  );
}

/** Whether this record is of someone they act for: their answer for this connection, else what they said at consent. */
const actsFor = (answer: string | null, capacityAtConsent: string | null | undefined) => (answer ? answer === "representative" : capacityAtConsent === "representative");
