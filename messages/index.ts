import type { Locale } from "@/lib/i18n/locales";
import { en, type Messages } from "./en";
import { es } from "./es";

/** Every catalogue by language. A new language: add its file here and to LOCALES. */
export const MESSAGES: Record<Locale, Messages> = { en, es };

export type { Messages };
