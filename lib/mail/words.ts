/** Emails as staff read them: each kind and status in plain words. Pure. */
const KIND_WORDS: Readonly<Record<string, string>> = {
  verify_email: "Confirm email address",
  sign_in: "Sign-in link",
  withdrawal_confirmed: "Withdrawal confirmed",
  consent_copy: "Copy of the consent",
  reminder_ends_14: "Reminder: sharing ends in 14 days or less",
  reminder_ends_3: "Reminder: sharing ends in 3 days or less",
  reminder_reconnect: "Reminder: please reconnect",
};

/** A kind this version does not know is shown as recorded. */
export const emailKindWords = (kind: string): string => KIND_WORDS[kind] ?? kind;

export function emailStatusWords(status: string, attempts: number): string {
  if (status === "sent") return "Sent";
  if (status === "failed") return `Not delivered (gave up after ${attempts === 1 ? "1 attempt" : `${attempts} attempts`})`;
  return attempts === 0 ? "Waiting to be sent" : `Waiting to be sent again (${attempts === 1 ? "1 attempt" : `${attempts} attempts`} so far)`;
}
