import type { ArrivalSummary } from "@/lib/fhir/record/arrival";
import type { RecordKind } from "@/lib/fhir/record/kinds";
import { participantFormat } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";

/**
 * What arrived from the health system, by kind with counts ("Lab results: 42"), and in plain
 * words what did not: not shared, not readable this time, or not in the record at all. The kinds
 * come from lib/fhir/record/arrival.ts as ids; their words are in the catalogues (recordKinds).
 */
export function RecordArrival({ arrival, locale }: { arrival: ArrivalSummary; locale: Locale }) {
  const t = translatorFor(locale, "record");
  const kindWords = translatorFor(locale, "recordKinds");
  const inSentence = translatorFor(locale, "recordKindsInSentence");
  const format = participantFormat(locale);
  const inWords = (kinds: readonly RecordKind[]) => format.list(kinds.map((k) => inSentence(k)));
  return (
    <div className="space-y-4 text-lg" data-testid="record-arrived">
      {arrival.arrived.length === 0 ? (
        <p>{t("sentNothing")}</p>
      ) : (
        <>
          <p>{t("sent")}</p>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
            {arrival.arrived.map(({ kind, count }) => (
              <li key={kind} className="flex justify-between gap-4 px-4 py-3 text-xl">
                <span>{kindWords(kind)}:</span>{" "}
                <span className="font-semibold">{format.number(count)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {arrival.notShared.length > 0 && <p>{t("notShared", { kinds: inWords(arrival.notShared) })}</p>}
      {arrival.notRead.length > 0 && <p>{t("notRead", { kinds: inWords(arrival.notRead) })}</p>}
      {arrival.noneFound.length > 0 && <p>{t("noneFound", { kinds: inWords(arrival.noneFound) })}</p>}
    </div>
  );
}
