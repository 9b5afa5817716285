import type { ArrivalSummary } from "@/lib/fhir/record/arrival";
import { KIND_WORDS, kindInSentence, type RecordKind } from "@/lib/fhir/record/kinds";

const inWords = (kinds: readonly RecordKind[]) => new Intl.ListFormat("en-US", { type: "conjunction" }).format(kinds.map(kindInSentence));

/**
 * What arrived from the health system, by kind with counts ("Lab results: 42"), and in plain
 * words what did not: not shared, not readable this time, or not in the record at all.
 */
export function RecordArrival({ arrival }: { arrival: ArrivalSummary }) {
  return (
    <div className="space-y-4 text-lg" data-testid="record-arrived">
      {arrival.arrived.length === 0 ? (
        <p>Your health system did not send any part of your record this time.</p>
      ) : (
        <>
          <p>Your health system sent:</p>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
            {arrival.arrived.map(({ kind, count }) => (
              <li key={kind} className="flex justify-between gap-4 px-4 py-3 text-xl">
                <span>{KIND_WORDS[kind]}:</span>{" "}
                <span className="font-semibold">{count.toLocaleString("en-US")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {arrival.notShared.length > 0 && <p>Your health system did not share {inWords(arrival.notShared)}.</p>}
      {arrival.notRead.length > 0 && <p>We could not read your {inWords(arrival.notRead)} this time. The study will try again later; you do not need to do anything.</p>}
      {arrival.noneFound.length > 0 && <p>Your record had no {inWords(arrival.noneFound)}.</p>}
    </div>
  );
}
