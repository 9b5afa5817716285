import { en } from "./en";
import { es } from "./es";
import type { ReminderTexts } from "./types";

export type { ReminderFacts, ReminderText, ReminderTexts } from "./types";

/** The texts for a language; anything but Spanish gets English. */
export const reminderTexts = (locale: string | null | undefined): ReminderTexts => (locale?.toLowerCase().startsWith("es") ? es : en);
export const reminderLocale = (locale: string | null | undefined): "en" | "es" => (locale?.toLowerCase().startsWith("es") ? "es" : "en");
