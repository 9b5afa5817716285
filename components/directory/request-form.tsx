import { SubmitButton } from "@/components/ui/submit-button";

/** Participant-facing words of this component, in one place (for translation). */
export const REQUEST_FORM_TEXT = {
  summary: "Can't find your health system?",
  intro: "Tell us its name and we will ask the study team to add it. You can also try another spelling, a city or a ZIP code.",
  name: "Name of your health system, hospital or clinic",
  city: "City (optional)",
  send: "Send",
};

/** "Can't find your health system?": a plain form (a <details> opens it without JavaScript). */
export function RequestForm({ action, open, defaultName }: { action: (formData: FormData) => Promise<void>; open: boolean; defaultName?: string }) {
  const t = REQUEST_FORM_TEXT;
  return (
    <details open={open} className="rounded-lg border border-slate-300 bg-white p-5">
      <summary className="cursor-pointer text-lg font-semibold text-blue-900 underline underline-offset-4">{t.summary}</summary>
      <form action={action} className="mt-4 space-y-4">
        <p className="text-lg">{t.intro}</p>
        <label className="flex flex-col gap-1 text-lg">
          {t.name}
          <input name="name" required minLength={2} maxLength={200} defaultValue={defaultName} autoComplete="off" className="min-h-12 rounded-lg border-2 border-slate-400 px-3 text-lg" />
        </label>
        <label className="flex flex-col gap-1 text-lg">
          {t.city}
          <input name="city" maxLength={100} autoComplete="address-level2" className="min-h-12 rounded-lg border-2 border-slate-400 px-3 text-lg" />
        </label>
        <SubmitButton variant="secondary">{t.send}</SubmitButton>
      </form>
    </details>
  );
}
