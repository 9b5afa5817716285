import "server-only";
import { portal, type ParticipantSession } from "../data/callers";
import { queueEmail } from "../data/emails";
import { getMyLocale } from "../data/participant-locale";
import type { LinkToSend } from "../data/sign-in-links";
import { env } from "../env";
import { log } from "../log";
import { studyContact } from "./contact";
import { signInEmailContent, verifyEmailContent, withdrawalConfirmedContent, type WithdrawalOutcome } from "./email-content";

/**
 * Account emails go through the outbox (lib/data/emails.ts): written now, sent by the mail
 * worker with retries, so an SMTP server that is down never holds up the participant.
 */
export const linkUrl = (token: string) => `${env().PORTAL_URL}/me/link?token=${encodeURIComponent(token)}`;

export async function sendLink(link: LinkToSend): Promise<void> {
  const contact = studyContact();
  const words = { link: linkUrl(link.token), contact, locale: link.locale };
  const content = link.purpose === "verify_email" ? verifyEmailContent(words) : signInEmailContent(words);
  await queueEmail(portal, { ...content, to: link.email, participantId: link.participantId, kind: link.purpose });
  log.info("account.link_queued", { participantId: link.participantId, purpose: link.purpose });
}

export async function sendWithdrawalConfirmation(me: ParticipantSession, to: string, outcomes: WithdrawalOutcome[]): Promise<void> {
  const locale = (await getMyLocale(me)) ?? "en";
  const content = withdrawalConfirmedContent({ outcomes, keptRecord: env().WITHDRAWAL_POLICY === "keep", contact: studyContact(), locale });
  await queueEmail(me, { ...content, to, participantId: me.participantId, kind: "withdrawal_confirmed" });
}
