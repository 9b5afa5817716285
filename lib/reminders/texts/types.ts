/** The words of reminder emails and of the unsubscribe page, one module per language (en.ts, es.ts). */
export type ReminderFacts = {
  studyName: string;
  healthSystemName: string;
  /** When sharing ends, written for this language ("March 3, 2027"). */
  endsOn: string;
  /** Whole days until then (at least 1). */
  daysLeft: number;
  /** The study team's email address. */
  contact: string;
};

export type ReminderText = { subject: string; paragraphs: string[]; button: string };

export type ReminderTexts = {
  /** BCP 47 tag for dates. */
  dateLocale: string;
  endingSoon(facts: ReminderFacts): ReminderText;
  needsReconnect(facts: Omit<ReminderFacts, "endsOn" | "daysLeft">): ReminderText;
  footer(facts: Pick<ReminderFacts, "studyName" | "contact">): string[];
  unsubscribeLink: string;
  page: {
    title: string;
    intro: string;
    button: string;
    done: string;
    invalid: string;
    accountEmailsStill: string;
  };
};
