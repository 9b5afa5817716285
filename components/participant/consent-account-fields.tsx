import { CapacityChoice } from "./capacity-choice";

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
      <CapacityChoice name="capacity" start="self" legendClassName="text-lg font-semibold" words={{ ...TEXT, legend: TEXT.whose }} />
    </>
  );
}
