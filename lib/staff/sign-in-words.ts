/**
 * What the staff sign-in page says for each outcome. A wrong password, an unknown email and a
 * disabled account read the same; so do the waits, whatever the email: the page never tells
 * whether an address belongs to an account.
 */
export type SignInProblem = "invalid" | "wait" | "rate_limited" | "busy" | "missing";

const MAX_MINUTES = 60;

/** The page's query for a refusal code from lib/staff/auth.ts (`wait-3`, `busy`, …). */
export function signInProblemQuery(code: string | undefined): string {
  const wait = /^wait-(\d{1,3})$/.exec(code ?? "");
  if (wait) return `error=wait&minutes=${Math.min(MAX_MINUTES, Number(wait[1]))}`;
  if (code === "rate_limited" || code === "busy") return `error=${code}`;
  return "error=invalid";
}

export function signInMessage(error: string, minutesParam?: string): string {
  const minutes = Math.min(MAX_MINUTES, Math.max(1, Number.parseInt(minutesParam ?? "", 10) || 1));
  switch (error) {
    case "wait":
      return `Too many attempts for this email from here. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`;
    case "rate_limited":
      return "Too many sign-in attempts from your network. Wait a minute, then try again.";
    case "busy":
      return "Sign-in is busy right now. Wait a few seconds, then try again.";
    case "missing":
      return "Enter your email and password.";
    default:
      return "That email and password do not match an active staff account.";
  }
}
