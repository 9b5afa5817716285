import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/locales";

/**
 * The language switch on every participant page: a plain form (no JavaScript) posting to
 * /language, which remembers the choice and comes back to this page. Each other language is
 * offered in its own words ("Español"), marked with its `lang` for screen readers.
 */
export function LanguageSwitch({ locale, label }: { locale: Locale; label: string }) {
  return (
    <form method="post" action="/language" aria-label={label} className="flex flex-wrap gap-2">
      {LOCALES.filter((other) => other !== locale).map((other) => (
        <button
          key={other}
          type="submit"
          name="locale"
          value={other}
          lang={other}
          className="min-h-12 rounded-md px-3 py-2 text-blue-800 underline underline-offset-4 hover:bg-blue-50"
        >
          {LOCALE_NAMES[other]}
        </button>
      ))}
    </form>
  );
}
