import { SubmitButton } from "@/components/ui/submit-button";
import { getParticipantT } from "@/lib/i18n/server";

/** "Can't find your health system?": a plain form (a <details> opens it without JavaScript). */
export async function RequestForm({ action, open, defaultName }: { action: (formData: FormData) => Promise<void>; open: boolean; defaultName?: string }) {
  const { t } = await getParticipantT("requestForm");
  return (
    <details open={open} className="rounded-lg border border-slate-300 bg-white p-5">
      <summary className="cursor-pointer text-lg font-semibold text-blue-900 underline underline-offset-4">{t("summary")}</summary>
      <form action={action} className="mt-4 space-y-4">
        <p className="text-lg">{t("intro")}</p>
        <label className="flex flex-col gap-1 text-lg">
          {t("name")}
          <input name="name" required minLength={2} maxLength={200} defaultValue={defaultName} autoComplete="off" className="min-h-12 rounded-lg border-2 border-slate-400 px-3 text-lg" />
        </label>
        <label className="flex flex-col gap-1 text-lg">
          {t("city")}
          <input name="city" maxLength={100} autoComplete="address-level2" className="min-h-12 rounded-lg border-2 border-slate-400 px-3 text-lg" />
        </label>
        <SubmitButton variant="secondary">{t("send")}</SubmitButton>
      </form>
    </details>
  );
}
