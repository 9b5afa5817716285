/**
 * The account emails' words (pure): subject, plain text and HTML per kind. Every email names the
 * study and how to reach its team, in the portal's one email layout.
 */
import { renderEmail } from "../mail/layout";

export type StudyContact = { studyName: string; name: string; email: string | null; phone: string | null };
export type EmailContent = { subject: string; text: string; html: string };
export type AccountEmailKind = "verify_email" | "sign_in" | "withdrawal_confirmed";

export function contactLines(contact: StudyContact): string[] {
  return [
    `Questions? Contact ${contact.name}`,
    ...(contact.email ? [`Email: ${contact.email}`] : []),
    ...(contact.phone ? [`Phone: ${contact.phone}`] : []),
    contact.studyName,
  ];
}

/** Through the portal's one email layout (lib/mail/layout.ts), with the study team's contact in the footer. */
function compose(subject: string, paragraphs: string[], contact: StudyContact, button?: { url: string; label: string }): EmailContent {
  return { subject, ...renderEmail({ lang: "en", subject, paragraphs, footer: contactLines(contact), ...(button && { button }) }) };
}

export function verifyEmailContent({ link, contact }: { link: string; contact: StudyContact }): EmailContent {
  return compose(
    `Confirm your email for ${contact.studyName}`,
    [
      "Thank you for joining the study. Please confirm that this is your email address.",
      "Open the link below within 15 minutes. It also signs you in to “My study”, where you can see what you share and stop at any time.",
      "If you did not join the study, you can ignore this email.",
    ],
    contact,
    { url: link, label: "Confirm my email" },
  );
}

export function signInEmailContent({ link, contact }: { link: string; contact: StudyContact }): EmailContent {
  return compose(
    `Your sign-in link for ${contact.studyName}`,
    [
      "Here is your link to sign in to “My study”. It works once, within 15 minutes.",
      "If you did not ask for it, you can ignore this email: nobody can sign in without the link.",
    ],
    contact,
    { url: link, label: "Sign in to My study" },
  );
}

export type WithdrawalOutcome = { healthSystemName: string; ended: boolean; manageUrl: string | null };

export function withdrawalConfirmedContent({ outcomes, keptRecord, contact }: { outcomes: WithdrawalOutcome[]; keptRecord: boolean; contact: StudyContact }): EmailContent {
  return compose(
    `You have left ${contact.studyName}`,
    [
      "You have left the study. It will not collect anything more from your health records.",
      keptRecord ? "The study keeps the copy of your record it already collected, as its consent explained." : "The copy of your record the study collected has been deleted.",
      ...outcomes.map((o) => withdrawalOutcomeWords(o)),
    ],
    contact,
  );
}

/** One health system's outcome, in the words the page and the email use. */
export function withdrawalOutcomeWords(o: WithdrawalOutcome): string {
  if (o.ended) return `${o.healthSystemName}: the study's access has ended.`;
  return o.manageUrl
    ? `${o.healthSystemName}: the study could not end its access there. Please end it on your health system's page: ${o.manageUrl}`
    : `${o.healthSystemName}: the study could not end its access there. Please end it in your health system's patient portal.`;
}
