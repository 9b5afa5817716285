import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { currentParticipant } from "../auth/participant-auth";
import { authCookies, cookieName, secureCookies } from "../auth/cookies";
import { getMyLocale, saveMyLocale } from "../data/participant-locale";
import { participantFormat } from "./format";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, type Locale } from "./locales";
import { resolveLocale } from "./negotiate";
import { translatorFor, type Namespace } from "./translate";

export const localeCookieName = () => cookieName(LOCALE_COOKIE);
export const localeCookieOptions = () => ({ httpOnly: true, sameSite: "lax" as const, secure: secureCookies(), path: "/", maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS });

/**
 * The language of this request's participant page (lib/i18n/negotiate.ts decides): the browser's
 * chosen language (cookie), else the signed-in participant's saved one, else Accept-Language.
 * Once per request (React cache).
 */
export const getParticipantLocale = cache(async (): Promise<Locale> => {
  const jar = await cookies();
  const cookie = jar.get(localeCookieName())?.value ?? null;
  let account: string | null = null;
  // Only a browser with a participant session can have an account language: skip auth() otherwise.
  if (!cookie && jar.has(authCookies("participant").sessionToken.name)) {
    const me = await currentParticipant();
    account = me ? await getMyLocale(me) : null;
  }
  return resolveLocale({ cookie, account, acceptLanguage: (await headers()).get("accept-language") });
});

/**
 * What a participant page needs to speak the participant's language:
 * `const { t, locale, format } = await getParticipantT("landing")`, then `t("heading")`,
 * `t("resultsFor", { count, query })`, `format.day(date)`.
 */
export async function getParticipantT<N extends Namespace = never>(namespace?: N) {
  const locale = await getParticipantLocale();
  return { t: translatorFor(locale, namespace), locale, format: participantFormat(locale) };
}

/**
 * The language switch: remember `locale` in this browser and, for a signed-in participant, on
 * their account. Returns the cookie to set (the caller's response sets it).
 */
export async function chooseParticipantLocale(locale: Locale): Promise<{ name: string; value: string; options: ReturnType<typeof localeCookieOptions> }> {
  if ((await cookies()).has(authCookies("participant").sessionToken.name)) {
    const me = await currentParticipant();
    if (me) await saveMyLocale(me, locale);
  }
  return { name: localeCookieName(), value: locale, options: localeCookieOptions() };
}
