import { describeGrantedData } from "@/lib/enrollment/scope-words";
import { getParticipantT } from "@/lib/i18n/server";
import { compareGrantedScope } from "@/lib/smart";

/** What the participant shared, in plain words, and what a narrower grant means for the study. */
export async function GrantedData({ requested, granted, hasRefreshToken }: { requested: string; granted: string | null; hasRefreshToken: boolean }) {
  const { t } = await getParticipantT("granted");
  const lines = describeGrantedData(granted ?? requested, { everything: t("everything"), parts: (types) => t("parts", { types }), ongoing: t("ongoing"), once: t("once") });
  const { messages } = compareGrantedScope(requested, granted ?? undefined);
  const noRefresh = !hasRefreshToken && !messages.some((m) => /ongoing|once/i.test(m));
  return (
    <section aria-labelledby="granted-title" className="space-y-3">
      <h2 id="granted-title" className="text-2xl font-semibold">{t("title")}</h2>
      <ul className="list-disc space-y-1 pl-6 text-lg">
        {lines.map((line) => (
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
