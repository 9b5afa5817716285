type Words = { email: string; emailHint: string; whose: string; self: string; representative: string; representing: string; representingHint: string };

/**
 * The consent form's account fields: the participant's email (their way back in) and whether they
 * share their own record or act for someone else (recorded with the consent). No JavaScript needed.
 */
export function ConsentAccountFields({ words: TEXT }: { words: Words }) {
  return (
    <>
      <div className="flex flex-col gap-2">
        <label htmlFor="email" className="text-lg font-semibold">{TEXT.email}</label>
        <p id="email-hint" className="text-base text-slate-700">{TEXT.emailHint}</p>
        <input
          id="email"
          name="email"
          type="email"
          required
          autoComplete="email"
          maxLength={254}
          aria-describedby="email-hint"
          className="min-h-12 rounded-lg border-2 border-slate-500 px-3 text-lg"
        />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">{TEXT.whose}</legend>
        <label className="flex items-start gap-3 text-lg">
          <input type="radio" name="capacity" value="self" defaultChecked className="mt-1 h-6 w-6 shrink-0" />
          <span>{TEXT.self}</span>
        </label>
        <label className="flex items-start gap-3 text-lg">
          <input type="radio" name="capacity" value="representative" className="mt-1 h-6 w-6 shrink-0" />
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
    </>
  );
}
