import { getParticipantT } from "@/lib/i18n/server";
import { compareGrantedScope } from "@/lib/smart";
import { sharedParts, type ArrivedParts } from "./shared-parts";

type Props = {
  requested: string;
  granted: string | null;
  hasRefreshToken: boolean;
  arrived?: ArrivedParts;
};

/**
 * What the participant shared, in plain words: from the scope the EHR granted, and once the
 * record has arrived, the parts that actually came (never parts a grant may not carry).
 */
export async function GrantedData({ requested, granted, hasRefreshToken, arrived = [] }: Props) {
  const { t } = await getParticipantT("granted");
  const { t: warning } = await getParticipantT("scopeWarnings");
  const shared = await sharedParts({ requested, granted, arrived });
  const { consequences } = compareGrantedScope(requested, granted ?? undefined);
  const messages = consequences.map((code) => warning(code));
  // "Once" already says there is no ongoing access: not twice.
  const noRefresh = !hasRefreshToken && !consequences.includes("once");
  return (
    <section aria-labelledby="granted-title" className="space-y-3" data-testid="granted-data">
      <h2 id="granted-title" className="text-2xl font-semibold">{t("title")}</h2>
      <SharedPartsList shared={shared} />
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

/** The arrived parts (if any) and the grant's lines, as GrantedData and the My study card show them. */
export function SharedPartsList({ shared }: { shared: Awaited<ReturnType<typeof sharedParts>> }) {
  return (
    <>
      {shared.arrived.length > 0 && (
        <>
          <p className="text-lg">{shared.arrivedIntro}</p>
          <ul className="list-disc space-y-1 pl-6 text-lg" aria-label={shared.arrivedIntro}>
            {shared.arrived.map((words) => (
              <li key={words}>{words}</li>
            ))}
          </ul>
        </>
      )}
      <ul className="list-disc space-y-1 pl-6 text-lg">
        {shared.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </>
  );
}
