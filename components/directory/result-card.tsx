import { SubmitButton } from "@/components/ui/submit-button";
import type { DirectoryResult } from "@/lib/data/directory-search";
import { getParticipantT } from "@/lib/i18n/server";

/**
 * One brand from the directory: its logo (served by the portal), name, place and portal, and a
 * Connect button per endpoint (one, unless the brand truly has several). Plain forms: no
 * JavaScript needed.
 */
export async function ResultCard({ result, action }: { result: DirectoryResult; action: (formData: FormData) => Promise<void> }) {
  const { t } = await getParticipantT("resultCard");
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
          {result.parentName && <p className="text-base text-slate-700">{t("partOf", { parent: result.parentName })}</p>}
          {result.portalName && result.choices.length === 1 && <p className="text-base text-slate-700">{t("portal", { portal: result.portalName })}</p>}
        </div>
      </div>
      {result.choices.length === 1 ? (
        <form action={action}>
          <input type="hidden" name="endpointId" value={result.choices[0]!.endpointId} />
          <SubmitButton>{t("connect", { name: result.name })}</SubmitButton>
        </form>
      ) : (
        <fieldset className="space-y-3">
          <legend className="text-lg">{t("choosePortal")}</legend>
          {result.choices.map((choice) => (
            <form key={choice.endpointId} action={action}>
              <input type="hidden" name="endpointId" value={choice.endpointId} />
              <SubmitButton variant="secondary">{t("connectVia", { label: choice.label })}</SubmitButton>
            </form>
          ))}
        </fieldset>
      )}
    </li>
  );
}
