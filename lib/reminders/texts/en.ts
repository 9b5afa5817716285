import type { ReminderTexts } from "./types";

export const en: ReminderTexts = {
  dateLocale: "en-US",
  endingSoon: (f) => ({
    subject: `Your sharing with ${f.studyName} ends on ${f.endsOn}`,
    paragraphs: [
      `Hello,`,
      `${f.healthSystemName} told us that your permission to share your health records with ${f.studyName} ends on ${f.endsOn} (${f.daysLeft === 1 ? "in 1 day" : `in ${f.daysLeft} days`}).`,
      `If you would like to keep sharing, reconnect ${f.healthSystemName}. It takes a minute: you sign in at ${f.healthSystemName} and approve again.`,
      `If you do nothing, sharing stops on that date. Nothing else changes.`,
    ],
    button: `Reconnect ${f.healthSystemName}`,
  }),
  needsReconnect: (f) => ({
    subject: `Please reconnect ${f.healthSystemName} to keep sharing with ${f.studyName}`,
    paragraphs: [
      `Hello,`,
      `${f.studyName} can no longer get your health records from ${f.healthSystemName}. This happens when the permission ends or is changed at ${f.healthSystemName}.`,
      `If you would like to keep sharing, reconnect ${f.healthSystemName}: you sign in there and approve again.`,
    ],
    button: `Reconnect ${f.healthSystemName}`,
  }),
  footer: (f) => [`You get this email because you take part in ${f.studyName}.`, `Questions? Contact the study team: ${f.contact}`],
  unsubscribeLink: "Stop these reminder emails",
  page: {
    title: "Stop reminder emails",
    intro: "Press the button to stop reminder emails about sharing your health records. You stay in the study.",
    button: "Stop reminder emails",
    done: "Done. You will not get any more reminder emails.",
    invalid: "This link is not valid. Please use the link from the email exactly as it was sent, or contact the study team.",
    accountEmailsStill: "You will still get emails you ask for, such as sign-in links.",
  },
};
