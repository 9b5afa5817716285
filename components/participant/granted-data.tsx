import { arrivedKinds, describeGrantedData, type DataKind } from "@/lib/enrollment/scope-words";
import { getParticipantT } from "@/lib/i18n/server";
import { compareGrantedScope } from "@/lib/smart";

type Props = {
  requested: string;
  granted: string | null;
  hasRefreshToken: boolean;
  /** What of the record has actually arrived (lib/data/participant-arrived.ts); empty before the first collection. */
  arrived?: readonly { resourceType: string; category?: string | null }[];
};

/**
 * What the participant shared, in plain words: from the scope the EHR granted, and once the
 * record has arrived, the parts that actually came (never parts a grant may not carry).
 */
export async function GrantedData({ requested, granted, hasRefreshToken, arrived = [] }: Props) {
  const { t, format } = await getParticipantT("granted");
  const kind = (k: DataKind) => t(`kinds.${k}`);
  const lines = describeGrantedData(granted ?? requested, {
    everything: t("everything"),
    parts: (types) => t("parts", { types }),
    ongoing: t("ongoing"),
    once: t("once"),
    kind,
    list: format.list,
  });
  const kinds = arrivedKinds(arrived);
  // Once the record has arrived, what came replaces what the grant allows.
  const shown = kinds.length > 0 ? lines.slice(-1) : lines;
  const { messages } = compareGrantedScope(requested, granted ?? undefined);
  const noRefresh = !hasRefreshToken && !messages.some((m) => /ongoing|once/i.test(m));
  return (
    <section aria-labelledby="granted-title" className="space-y-3" data-testid="granted-data">
      <h2 id="granted-title" className="text-2xl font-semibold">{t("title")}</h2>
      {kinds.length > 0 && (
        <>
          <p className="text-lg">{t("arrived")}</p>
          <ul className="list-disc space-y-1 pl-6 text-lg" aria-label={t("arrived")}>
            {kinds.map((k) => (
              <li key={k}>{kind(k)}</li>
            ))}
          </ul>
        </>
      )}
      <ul className="list-disc space-y-1 pl-6 text-lg">
        {shown.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {(messages.length > 0 || noRefresh) && (
        <div className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-lg" role="status">
          <p className="font-semibold">{t("less")}</p>
          <ul className="list-disc pl-6">
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
            {noRefresh && <li>{t("noRefresh")}</li>}
          </ul>
        </div>
      )}
    </section>
  );
}
