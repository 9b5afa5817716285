/**
 * The account emails' words (pure): subject, plain text and HTML per kind, in the participant's
 * language (messages/*.ts, group "emails"). Every email names the study and how to reach its
 * team, in the portal's one email layout.
 */
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";
import { renderEmail } from "../mail/layout";

export type StudyContact = { studyName: string; name: string; email: string | null; phone: string | null };
export type EmailContent = { subject: string; text: string; html: string };
export type AccountEmailKind = "verify_email" | "sign_in" | "withdrawal_confirmed";

const words = (locale: Locale) => translatorFor(locale, "emails");

export function contactLines(contact: StudyContact, locale: Locale = "en"): string[] {
  const t = words(locale);
  return [
    t("contact", { name: contact.name }),
    ...(contact.email ? [t("contactEmail", { email: contact.email })] : []),
    ...(contact.phone ? [t("contactPhone", { phone: contact.phone })] : []),
    contact.studyName,
  ];
}

/** Through the portal's one email layout (lib/mail/layout.ts), with the study team's contact in the footer. */
function compose(locale: Locale, subject: string, paragraphs: string[], contact: StudyContact, button?: { url: string; label: string }): EmailContent {
  return { subject, ...renderEmail({ lang: locale, subject, paragraphs, footer: contactLines(contact, locale), ...(button && { button }) }) };
}

type LinkEmail = { link: string; contact: StudyContact; locale?: Locale };

export function verifyEmailContent({ link, contact, locale = "en" }: LinkEmail): EmailContent {
  const t = words(locale);
  return compose(locale, t("verifySubject", { study: contact.studyName }), [t("verify1"), t("verify2"), t("verify3")], contact, { url: link, label: t("verifyButton") });
}

export function signInEmailContent({ link, contact, locale = "en" }: LinkEmail): EmailContent {
  const t = words(locale);
  return compose(locale, t("signInSubject", { study: contact.studyName }), [t("signIn1"), t("signIn2")], contact, { url: link, label: t("signInButton") });
}

export type WithdrawalOutcome = { healthSystemName: string; ended: boolean; manageUrl: string | null };

export function withdrawalConfirmedContent({ outcomes, keptRecord, contact, locale = "en" }: { outcomes: WithdrawalOutcome[]; keptRecord: boolean; contact: StudyContact; locale?: Locale }): EmailContent {
  const t = words(locale);
  return compose(
    locale,
    t("leftSubject", { study: contact.studyName }),
    [t("left"), keptRecord ? t("kept") : t("deleted"), ...outcomes.map((o) => withdrawalOutcomeWords(o, locale))],
    contact,
  );
}

/** One health system's outcome, in the words the page and the email use. */
export function withdrawalOutcomeWords(o: WithdrawalOutcome, locale: Locale = "en"): string {
  const t = words(locale);
  const name = o.healthSystemName;
  if (o.ended) return t("ended", { name });
  return o.manageUrl ? t("notEndedPage", { name, url: o.manageUrl }) : t("notEndedPortal", { name });
}
