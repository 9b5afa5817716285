import type { Metadata } from "next";
import { RequestForm } from "@/components/directory/request-form";
import { ResultCard } from "@/components/directory/result-card";
import { SearchBox } from "@/components/directory/search-box";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { recordSearchMiss } from "@/lib/data/directory-participants";
import { findHealthSystems } from "@/lib/directory/find";
import { connectToHealthSystem } from "../actions";
import { connectThroughDirectory, requestHealthSystem } from "./actions";

export const metadata: Metadata = { title: "Choose your health system" };

/** Participant-facing words of this page, in one place (for translation). */
const TEXT = {
  step: "Step 2 of 3",
  heading: "Choose your health system",
  intro: "Find the hospital or clinic where you get care. You will sign in there and approve sharing.",
  unknown: "We could not find that health system. Please search again and choose one from the list.",
  unavailable: "We could not reach that health system just now. Please try again in a few minutes, or choose another one.",
  tooMany: "Too many tries in a short time. Please wait a few minutes and try again.",
  request: "Please type the name of your health system (at least 2 letters).",
  requested: "Thank you. We have passed the name on to the study team.",
  noMatch: (q: string) => `No health system matches “${q}”. Check the spelling, or try a city or ZIP code.`,
  resultsLabel: "Health systems",
  resultsFor: (n: number, q: string) => `${n === 1 ? "1 health system" : `${n} health systems`} for “${q}”`,
  studyList: "Health systems this study works with",
  connect: (name: string) => `Connect to ${name}`,
};

const ERRORS: Record<string, { tone: "error" | "info"; text: string }> = {
  unknown: { tone: "error", text: TEXT.unknown },
  unavailable: { tone: "error", text: TEXT.unavailable },
  "too-many": { tone: "error", text: TEXT.tooMany },
  request: { tone: "error", text: TEXT.request },
};

type Params = { q?: string | string[]; error?: string | string[]; brand?: string | string[]; requested?: string | string[] };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default async function ChooseHealthSystemPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const search = one(params.q).slice(0, 200).trim();
  const error = ERRORS[one(params.error)];
  const found = await findHealthSystems(search, one(params.brand));
  if (search && found.directory.length === 0 && found.study.length === 0) await recordSearchMiss(search);
  const total = found.directory.length + found.study.length;
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">{TEXT.step}</p>
      <h1 className="text-3xl font-bold">{TEXT.heading}</h1>
      <p className="text-lg">{TEXT.intro}</p>
      {error && <Notice tone={error.tone}>{error.text}</Notice>}
      {one(params.requested) === "1" && <Notice tone="success">{TEXT.requested}</Notice>}
      <SearchBox defaultValue={search} />
      {search && total === 0 && <Notice>{TEXT.noMatch(search)}</Notice>}
      {search && total > 0 && <h2 className="text-2xl font-bold">{TEXT.resultsFor(total, search)}</h2>}
      {!search && found.study.length > 0 && <h2 className="text-2xl font-bold">{TEXT.studyList}</h2>}
      {total > 0 && (
        <ul className="grid gap-4" aria-label={TEXT.resultsLabel}>
          {found.study.map((hs) => (
            <li key={hs.id} className="flex flex-col justify-between gap-4 rounded-lg border border-slate-300 bg-white p-5">
              <h2 className="text-xl font-semibold">{hs.name}</h2>
              <form action={connectToHealthSystem}>
                <input type="hidden" name="healthSystemId" value={hs.id} />
                <SubmitButton>{TEXT.connect(hs.name)}</SubmitButton>
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
