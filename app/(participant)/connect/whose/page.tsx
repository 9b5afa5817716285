import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { WhoseRecordForm } from "@/components/participant/whose-record-form";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { currentParticipant } from "@/lib/auth/participant-auth";
import { getMyWhoseRecordQuestion } from "@/lib/data/whose-record";
import { getParticipantT } from "@/lib/i18n/server";
import { answerWhoseRecordQuestion } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("whoseRecord");
  return { title: t("title") };
}

const ERRORS = { answer: "errorAnswer", representing: "errorRepresenting", "not-found": "errorNotFound" } as const;

/** After connecting, when the portal doubts whose record it received (lib/accounts/whose-record.ts). */
export default async function WhoseRecordPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const me = await currentParticipant();
  if (!me) redirect("/me/sign-in");
  const { error } = await searchParams;
  const problem = typeof error === "string" && Object.hasOwn(ERRORS, error) ? ERRORS[error as keyof typeof ERRORS] : null;
  const question = await getMyWhoseRecordQuestion(me);
  const { t, format } = await getParticipantT("whoseRecord");
  if (!question) {
    return (
      <article className="space-y-6">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <Notice tone={problem ? "error" : "info"}>{problem ? t(problem) : t("nothingToAsk")}</Notice>
        <ButtonLink href="/me">{t("goToMe")}</ButtonLink>
      </article>
    );
  }
  const healthSystem = question.healthSystemName;
  const name = question.displayName;
  const born = question.birthDate && !Number.isNaN(Date.parse(question.birthDate)) ? format.day(new Date(question.birthDate)) : null;
  const explanation =
    question.question === "ehr-chose-other"
      ? name ? t("ehrChoseOther", { healthSystem, name }) : t("ehrChoseOtherUnnamed", { healthSystem })
      : born ? t("detailsDiffer", { healthSystem, name: name ?? "", birthDate: born }) : t("detailsDifferNoBirthDate", { healthSystem, name: name ?? "" });
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">{question.question === "ehr-chose-other" ? t("headingEhrChoseOther") : t("headingDetailsDiffer")}</h1>
      {problem && <Notice tone="error">{t(problem)}</Notice>}
      <p className="text-lg">{explanation}</p>
      <p className="text-lg">{t("why")}</p>
      <WhoseRecordForm
        connectionId={question.connectionId}
        action={answerWhoseRecordQuestion}
        words={{
          legend: t("legend"),
          self: t("self"),
          representative: t("representative"),
          representing: t("representing"),
          representingHint: t("representingHint"),
          save: t("save"),
          notMineTitle: t("notMineTitle"),
          notMine: t("notMine", { healthSystem }),
          stop: t("stop", { healthSystem }),
        }}
      />
    </article>
  );
}
