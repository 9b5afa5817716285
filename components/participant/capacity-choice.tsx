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
  );
}
