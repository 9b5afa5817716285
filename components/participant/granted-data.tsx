import { arrivedKinds, describeGrantedData, KIND_WORDS } from "@/lib/enrollment/scope-words";
import { compareGrantedScope } from "@/lib/smart";

/** Participant-facing words of this component, in one place (for translation). */
const TEXT = {
  heading: "What you shared",
  arrived: "Your health system has sent the study:",
  narrower: "Your health system allowed less than the study asked for.",
  noRefresh: "Your health system did not allow ongoing access, so the study can only collect your record this once.",
};

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
export function GrantedData({ requested, granted, hasRefreshToken, arrived = [] }: Props) {
  const lines = describeGrantedData(granted ?? requested);
  const kinds = arrivedKinds(arrived);
  const shown = kinds.length > 0 ? lines.filter((line) => !/health record/.test(line)) : lines;
  const { messages } = compareGrantedScope(requested, granted ?? undefined);
  const noRefresh = !hasRefreshToken && !messages.some((m) => /ongoing|once/i.test(m));
  return (
    <section aria-labelledby="granted-title" className="space-y-3" data-testid="granted-data">
      <h2 id="granted-title" className="text-2xl font-semibold">{TEXT.heading}</h2>
      {kinds.length > 0 && (
        <>
          <p className="text-lg">{TEXT.arrived}</p>
          <ul className="list-disc space-y-1 pl-6 text-lg" aria-label={TEXT.arrived}>
            {kinds.map((kind) => (
              <li key={kind}>{KIND_WORDS[kind]}</li>
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
          <p className="font-semibold">{TEXT.narrower}</p>
          <ul className="list-disc pl-6">
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
            {noRefresh && <li>{TEXT.noRefresh}</li>}
          </ul>
        </div>
      )}
    </section>
  );
}
