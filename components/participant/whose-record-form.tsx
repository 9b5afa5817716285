import { SubmitButton } from "@/components/ui/submit-button";

type Words = { legend: string; self: string; representative: string; representing: string; representingHint: string; save: string; notMineTitle: string; notMine: string; stop: string };

/**
 * "Whose record is it?": their own, or someone they act for (whom, and how related), saved with
 * one button; "not mine" is its own form, so stopping takes one tap. Plain forms, no JavaScript.
 */
export function WhoseRecordForm({ connectionId, action, words: TEXT }: { connectionId: string; action: (formData: FormData) => Promise<void>; words: Words }) {
  return (
    <>
      <form action={action} className="space-y-6">
        <input type="hidden" name="connectionId" value={connectionId} />
        <fieldset className="space-y-3">
          <legend className="text-xl font-semibold">{TEXT.legend}</legend>
          <label className="flex items-start gap-3 text-lg">
            <input type="radio" name="answer" value="self" required className="mt-1 h-6 w-6 shrink-0" />
            <span>{TEXT.self}</span>
          </label>
          <label className="flex items-start gap-3 text-lg">
            <input type="radio" name="answer" value="representative" className="mt-1 h-6 w-6 shrink-0" />
            <span>{TEXT.representative}</span>
          </label>
          <div className="flex flex-col gap-2 pl-9">
            <label htmlFor="representing" className="text-lg">{TEXT.representing}</label>
            <p id="representing-hint" className="text-base text-slate-700">{TEXT.representingHint}</p>
            <input
              id="representing"
              name="representing"
              type="text"
              maxLength={200}
              aria-describedby="representing-hint"
              className="min-h-12 rounded-lg border-2 border-slate-500 px-3 text-lg"
            />
          </div>
        </fieldset>
        <SubmitButton>{TEXT.save}</SubmitButton>
      </form>
      <section aria-labelledby="not-mine-title" className="space-y-3 rounded-lg border border-slate-300 bg-white p-5">
        <h2 id="not-mine-title" className="text-xl font-semibold">{TEXT.notMineTitle}</h2>
        <p className="text-lg">{TEXT.notMine}</p>
        <form action={action}>
          <input type="hidden" name="connectionId" value={connectionId} />
          <input type="hidden" name="answer" value="not-mine" />
          <SubmitButton variant="danger">{TEXT.stop}</SubmitButton>
        </form>
      </section>
    </>
  );
}
