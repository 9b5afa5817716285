import { renderEmail } from "../mail/layout";
import { reminderLocale, reminderTexts } from "./texts";
import { unsubscribeOneClickUrl, unsubscribePageUrl } from "./unsubscribe";

/**
 * One reminder email, whole: the words in the participant's language, the one-tap link to
 * reconnect that health system, the unsubscribe link in the footer and in the List-Unsubscribe
 * headers (one-click, RFC 8058). Pure.
 */
export type ReminderKind = "reminder_ends_14" | "reminder_ends_3" | "reminder_reconnect";

export type ReminderInput = {
  kind: ReminderKind;
  locale: string | null;
  participantId: string;
  healthSystemId: string;
  healthSystemName: string;
  /** When sharing ends (the EHR's word); for the two "ends" reminders. */
  endsAt?: Date;
  now: Date;
};

export type ReminderSettings = { portalUrl: string; secret: string; studyName: string; contact: string };

const DAY_MS = 86_400_000;

/**
 * Where "Reconnect" leads: the participant's "My study" page (sign-in by emailed link is handled
 * there), whose card for that health system has the Reconnect button; `reconnect` names the
 * health system so the page can put that card first.
 */
export function reconnectUrl(portalUrl: string, healthSystemId: string): string {
  const url = new URL("/me", portalUrl);
  url.searchParams.set("reconnect", healthSystemId);
  return url.toString();
}

export function composeReminder(input: ReminderInput, settings: ReminderSettings): { subject: string; text: string; html: string; headers: Record<string, string> } {
  const texts = reminderTexts(input.locale);
  const lang = reminderLocale(input.locale);
  const common = { studyName: settings.studyName, healthSystemName: input.healthSystemName, contact: settings.contact };
  let words;
  if (input.kind === "reminder_reconnect") words = texts.needsReconnect(common);
  else {
    if (!input.endsAt) throw new Error(`${input.kind} needs the date sharing ends.`);
    const endsOn = new Intl.DateTimeFormat(texts.dateLocale, { dateStyle: "long", timeZone: "UTC" }).format(input.endsAt);
    const daysLeft = Math.max(1, Math.ceil((input.endsAt.getTime() - input.now.getTime()) / DAY_MS));
    words = texts.endingSoon({ ...common, endsOn, daysLeft });
  }
  const body = renderEmail({
    lang,
    subject: words.subject,
    paragraphs: words.paragraphs,
    button: { label: words.button, url: reconnectUrl(settings.portalUrl, input.healthSystemId) },
    footer: texts.footer(common),
    footerLink: { label: texts.unsubscribeLink, url: unsubscribePageUrl(settings.portalUrl, settings.secret, input.participantId, lang) },
  });
  return {
    subject: words.subject,
    ...body,
    headers: {
      "List-Unsubscribe": `<${unsubscribeOneClickUrl(settings.portalUrl, settings.secret, input.participantId)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
