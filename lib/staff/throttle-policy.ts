/**
 * How staff sign-in slows guessing down (OWASP ASVS V2.2): per email AND client address, the
 * first FREE_ATTEMPTS attempts go straight to the password check; each attempt after that waits
 * for the one before it, one minute, then two, four, eight, then fifteen at most. A success from
 * that client starts again from zero; a quiet day forgets. Nothing an outsider does from another
 * address delays the real staff member, and no account is ever locked outright.
 */
export const FREE_ATTEMPTS = 5;
export const FIRST_DELAY_MS = 60_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** Failed sign-ins on one account within ALERT_WINDOW_MS (all clients) that raise the alert. */
export const ALERT_FAILURES = 10;
export const ALERT_WINDOW_MS = 60 * 60_000;

/** After the `attempt`-th attempt in a row (counting it), how long the next must wait (0: none). */
export function delayAfter(attempt: number): number {
  if (attempt < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt - FREE_ATTEMPTS, 16));
}

/** Whole minutes to tell a person who must wait until `until` (at least 1). */
export const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
