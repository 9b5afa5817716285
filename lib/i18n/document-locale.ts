import "server-only";
import { isStaffPath } from "./staff-paths";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { getParticipantLocale } from "./server";

/**
 * The `<html lang>` of a page: the participant's language on participant pages; English on the
 * staff dashboard (its pages are in English only). proxy.ts passes the path in `x-portal-path`.
 */
export async function documentLocale(requestHeaders: Headers): Promise<Locale> {
  return isStaffPath(requestHeaders.get("x-portal-path") ?? "/") ? DEFAULT_LOCALE : getParticipantLocale();
}
