import { TextField } from "@/components/ui/text-field";

type Words = { legend: string; self: string; representative: string; representing: string; representingHint: string };

/**
 * "Whose record?": their own, or someone they act for, with whom and how related. One fieldset for
 * the consent form (field `capacity`, their own record chosen to start with) and the question
 * after connecting (field `answer`, nothing chosen until they answer). No JavaScript needed.
 */
export function CapacityChoice({ name, start, legendClassName, words: TEXT }: { name: string; start: "self" | "unanswered"; legendClassName: string; words: Words }) {
  return (
    <fieldset className="space-y-3">
      <legend className={legendClassName}>{TEXT.legend}</legend>
      <label className="flex items-start gap-3 text-lg">
        <input type="radio" name={name} value="self" {...(start === "self" ? { defaultChecked: true } : { required: true })} className="mt-1 h-6 w-6 shrink-0" />
        <span>{TEXT.self}</span>
      </label>
      <label className="flex items-start gap-3 text-lg">
        <input type="radio" name={name} value="representative" className="mt-1 h-6 w-6 shrink-0" />
        <span>{TEXT.representative}</span>
      </label>
      <div className="pl-9">
        <TextField id="representing" name="representing" type="text" maxLength={200} label={TEXT.representing} hint={TEXT.representingHint} />
      </div>
    </fieldset>
  );
}
