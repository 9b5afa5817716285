import { createFormatter } from "use-intl/core";
import type { Locale } from "./locales";

/**
 * Dates and numbers in the participant's language (Intl, through use-intl). Days are shown in UTC
 * unless a time zone is given, so a date stored as midnight UTC is never shown as the day before.
 */
export function participantFormat(locale: Locale, timeZone = "UTC") {
  const format = createFormatter({ locale, timeZone });
  return {
    /** "March 3, 2027" / "3 de marzo de 2027". */
    day: (date: Date) => format.dateTime(date, { year: "numeric", month: "long", day: "numeric" }),
    /** "March 3, 2027 at 2:05 PM" / "3 de marzo de 2027 a las 14:05". */
    dayAndTime: (date: Date) => format.dateTime(date, { year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" }),
    /** "12,345.5" / "12.345,5" (Spanish groups thousands only from 10.000). */
    number: (value: number) => format.number(value),
    /** "a, b and c" / "a, b y c". */
    list: (items: string[]) => format.list(items, { type: "conjunction" }),
  };
}

export type ParticipantFormat = ReturnType<typeof participantFormat>;
