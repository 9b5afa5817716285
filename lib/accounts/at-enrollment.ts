import "server-only";
import { cookies } from "next/headers";
import { recordAccountAtConsent } from "../data/participant-accounts";
import { issueVerificationLink } from "../data/sign-in-links";
import { log } from "../log";
import { accountCookieName, readAccountCookie } from "./account-cookie";
import { sendLink } from "./send";

/**
 * After an enrollment is stored (inside the callback): what the participant said at consent (their
 * email, in what capacity) is recorded with them, and a link to confirm the email is queued. Never
 * fails the enrollment: a problem is logged, and the participant can ask for a link later.
 */
export async function recordAccountAfterEnrollment(participantId: string): Promise<void> {
  try {
    const account = readAccountCookie((await cookies()).get(accountCookieName())?.value);
    if (!account) return;
    const { emailToConfirm } = await recordAccountAtConsent(participantId, account);
    if (!emailToConfirm) return;
    const link = await issueVerificationLink(participantId);
    if (link) await sendLink(link);
  } catch (error) {
    log.error("account.after_enrollment_failed", { participantId, error: error instanceof Error ? error.message : String(error) });
  }
}
