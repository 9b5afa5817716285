/**
 * The languages of the participant pages, consent texts and emails. English is the fallback for
 * every language the portal does not have. Pure: no Next.js, no React.
 */
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** Each language's name in that language (what the language switch shows). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", es: "Español" };

/** The cookie that remembers a browser's chosen language (a preference, not a secret). */
export const LOCALE_COOKIE = "participant.locale";
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
