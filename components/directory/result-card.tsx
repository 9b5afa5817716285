import { SubmitButton } from "@/components/ui/submit-button";
import type { DirectoryResult } from "@/lib/data/directory-search";

/** Participant-facing words of this component, in one place (for translation). */
export const RESULT_CARD_TEXT = {
  partOf: (parent: string) => `Part of ${parent}`,
  portal: (portal: string) => `Patient portal: ${portal}`,
  connect: (name: string) => `Connect to ${name}`,
  choosePortal: "This health system has more than one patient portal. Which one do you use?",
  connectVia: (label: string) => `Connect with ${label}`,
};

/**
 * One brand from the directory: its logo (served by the portal), name, place and portal, and a
 * Connect button per endpoint (one, unless the brand truly has several). Plain forms: no
 * JavaScript needed.
 */
export function ResultCard({ result, action }: { result: DirectoryResult; action: (formData: FormData) => Promise<void> }) {
  const t = RESULT_CARD_TEXT;
  const place = [result.city, result.state].filter(Boolean).join(", ");
  return (
    <li className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-5">
      <div className="flex items-start gap-4">
        {result.logoId ? (
          // eslint-disable-next-line @next/next/no-img-element -- a small logo the portal itself serves (checked at import)
          <img src={`/directory/logos/${result.logoId}`} alt="" width={56} height={56} className="h-14 w-14 shrink-0 rounded object-contain" />
        ) : (
          <span aria-hidden="true" className="flex h-14 w-14 shrink-0 items-center justify-center rounded bg-slate-200 text-xl font-bold text-slate-700">
            {result.name.slice(0, 1)}
          </span>
        )}
        <div className="min-w-0">
          <h2 className="text-xl font-semibold break-words">{result.name}</h2>
          {place && <p className="text-lg text-slate-800">{place}</p>}
          {result.parentName && <p className="text-base text-slate-700">{t.partOf(result.parentName)}</p>}
          {result.portalName && result.choices.length === 1 && <p className="text-base text-slate-700">{t.portal(result.portalName)}</p>}
        </div>
      </div>
      {result.choices.length === 1 ? (
        <form action={action}>
          <input type="hidden" name="endpointId" value={result.choices[0]!.endpointId} />
          <SubmitButton>{t.connect(result.name)}</SubmitButton>
        </form>
      ) : (
        <fieldset className="space-y-3">
          <legend className="text-lg">{t.choosePortal}</legend>
          {result.choices.map((choice) => (
            <form key={choice.endpointId} action={action}>
              <input type="hidden" name="endpointId" value={choice.endpointId} />
              <SubmitButton variant="secondary">{t.connectVia(choice.label)}</SubmitButton>
            </form>
          ))}
        </fieldset>
      )}
    </li>
  );
}
