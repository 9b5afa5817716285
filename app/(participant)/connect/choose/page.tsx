import type { Metadata } from "next";
import { RequestForm } from "@/components/directory/request-form";
import { ResultCard } from "@/components/directory/result-card";
import { SearchBox } from "@/components/directory/search-box";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { recordSearchMiss } from "@/lib/data/directory-participants";
import { findHealthSystems } from "@/lib/directory/find";
import { getParticipantT } from "@/lib/i18n/server";
import { connectToHealthSystem } from "../actions";
import { connectThroughDirectory, requestHealthSystem } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getParticipantT("choose");
  return { title: t("title") };
}

/** Messages for `?error=…` (anything else shows none). */
const ERRORS = {
  unknown: { tone: "error", key: "unknown" },
  unavailable: { tone: "error", key: "unavailable" },
  "too-many": { tone: "error", key: "tooMany" },
  request: { tone: "error", key: "request" },
} as const;

type Params = { q?: string | string[]; error?: string | string[]; brand?: string | string[]; requested?: string | string[] };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default async function ChooseHealthSystemPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const search = one(params.q).slice(0, 200).trim();
  const errorName = one(params.error);
  const error = Object.hasOwn(ERRORS, errorName) ? ERRORS[errorName as keyof typeof ERRORS] : null;
  const { t } = await getParticipantT("choose");
  const found = await findHealthSystems(search, one(params.brand));
  if (search && found.directory.length === 0 && found.study.length === 0) await recordSearchMiss(search);
  const total = found.directory.length + found.study.length;
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">{t("step")}</p>
      <h1 className="text-3xl font-bold">{t("heading")}</h1>
      <p className="text-lg">{t("intro")}</p>
      {error && <Notice tone={error.tone}>{t(error.key)}</Notice>}
      {one(params.requested) === "1" && <Notice tone="success">{t("requested")}</Notice>}
      <SearchBox defaultValue={search} />
      {search && total === 0 && <Notice>{t("noMatch", { query: search })}</Notice>}
      {search && total > 0 && <h2 className="text-2xl font-bold">{t("resultsFor", { count: total, query: search })}</h2>}
      {!search && found.study.length > 0 && <h2 className="text-2xl font-bold">{t("studyList")}</h2>}
      {total > 0 && (
        <ul className="grid gap-4" aria-label={t("resultsLabel")}>
          {found.study.map((hs) => (
            <li key={hs.id} className="flex flex-col justify-between gap-4 rounded-lg border border-slate-300 bg-white p-5">
              <h2 className="text-xl font-semibold">{hs.name}</h2>
              <form action={connectToHealthSystem}>
                <input type="hidden" name="healthSystemId" value={hs.id} />
                <SubmitButton>{t("connect", { name: hs.name })}</SubmitButton>
              </form>
            </li>
          ))}
          {found.directory.map((result) => (
            <ResultCard key={result.brandId} result={result} action={connectThroughDirectory} />
          ))}
        </ul>
      )}
      <RequestForm action={requestHealthSystem} open={Boolean(search && total === 0)} defaultName={total === 0 ? search : undefined} />
    </article>
  );
}
