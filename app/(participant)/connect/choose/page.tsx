import type { Metadata } from "next";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { listHealthSystems } from "@/lib/data/health-systems";
import { connectToHealthSystem } from "../actions";

export const metadata: Metadata = { title: "Choose your health system" };

export default async function ChooseHealthSystemPage({ searchParams }: { searchParams: Promise<{ q?: string; error?: string }> }) {
  const { q, error } = await searchParams;
  const search = typeof q === "string" ? q.slice(0, 200) : "";
  const healthSystems = await listHealthSystems({ search });
  return (
    <article className="space-y-6">
      <p className="text-base font-medium text-blue-900">Step 2 of 3</p>
      <h1 className="text-3xl font-bold">Choose your health system</h1>
      <p className="text-lg">Pick the hospital or clinic where you get care. You will sign in there and approve sharing.</p>
      {error === "unknown" && <Notice tone="error">We could not find that health system. Please choose one from the list.</Notice>}
      <form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-lg">
          Search by name
          <input
            type="search"
            name="q"
            defaultValue={search}
            maxLength={200}
            className="min-h-12 w-72 max-w-full rounded-lg border-2 border-slate-400 px-3 text-lg"
          />
        </label>
        <SubmitButton variant="secondary">Search</SubmitButton>
      </form>
      {healthSystems.length === 0 ? (
        <Notice>No health system matches “{search}”. Try a shorter name.</Notice>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2" aria-label="Health systems">
          {healthSystems.map((hs) => (
            <li key={hs.id} className="flex flex-col justify-between gap-4 rounded-lg border border-slate-300 bg-white p-5">
              <h2 className="text-xl font-semibold">{hs.name}</h2>
              <form action={connectToHealthSystem}>
                <input type="hidden" name="healthSystemId" value={hs.id} />
                <SubmitButton>Connect to {hs.name}</SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
