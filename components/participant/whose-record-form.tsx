import { SubmitButton } from "@/components/ui/submit-button";
import { CapacityChoice } from "./capacity-choice";

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
        <CapacityChoice name="answer" start="unanswered" legendClassName="text-xl font-semibold" words={TEXT} />
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
