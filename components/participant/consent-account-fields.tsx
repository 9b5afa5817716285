import { TextField } from "@/components/ui/text-field";
import { CapacityChoice } from "./capacity-choice";

type Words = { email: string; emailHint: string; whose: string; self: string; representative: string; representing: string; representingHint: string };

/**
 * The consent form's account fields: the participant's email (their way back in) and whether they
 * share their own record or act for someone else (recorded with the consent). No JavaScript needed.
 */
export function ConsentAccountFields({ words: TEXT }: { words: Words }) {
  return (
    <>
      <TextField id="email" name="email" type="email" required autoComplete="email" maxLength={254} label={TEXT.email} hint={TEXT.emailHint} labelClassName="text-lg font-semibold" />
      <CapacityChoice name="capacity" start="self" legendClassName="text-lg font-semibold" words={{ ...TEXT, legend: TEXT.whose }} />
    </>
  );
}
