import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/**
 * Which language to show, from what the browser asks for (RFC 9110 `Accept-Language`, with
 * q-values) and what the participant chose. Pure, so it is tested without a server.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .slice(0, 2000)
    .split(",")
    .slice(0, 50)
    .map((part, index) => {
      const [range = "", ...params] = part.split(";").map((s) => s.trim());
      const qParam = params.find((p) => /^q\s*=/i.test(p));
      const q = qParam === undefined ? 1 : qValue(qParam.replace(/^q\s*=\s*/i, ""));
      return { range: range.toLowerCase(), q, index };
    })
    .filter((r) => r.range !== "" && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranges) {
    if (range === "*") return DEFAULT_LOCALE;
    const primary = range.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** A q-value ("0", "0.8", "1.000"); anything malformed counts as 0 (the range is ignored). */
function qValue(text: string): number {
  return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(text) ? Number(text) : 0;
}

/**
 * The language of a participant page: the one chosen in this browser (cookie), else the one saved
 * on the signed-in participant's account, else the browser's preference, else English.
 */
export function resolveLocale({ cookie, account, acceptLanguage }: { cookie?: string | null; account?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  if (isLocale(account)) return account;
  return localeFromAcceptLanguage(acceptLanguage);
}
