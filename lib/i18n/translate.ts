import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { MESSAGES, type Messages } from "@/messages";
import type { Locale } from "./locales";

export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/**
 * A translator for one language (ICU messages through use-intl). Pure: emails, workers and tests
 * use it directly; pages use getParticipantT() (lib/i18n/server.ts), which picks the language.
 */
export function translatorFor<N extends Namespace = never>(locale: Locale, namespace?: N) {
  return createTranslator<Messages, N>({ locale, messages: MESSAGES[locale], namespace, timeZone: "UTC" });
}
