import type { Metadata } from "next";
import { UnsubscribeForm } from "@/components/participant/unsubscribe-form";
import { isUnsubscribeLink } from "@/lib/reminders/unsubscribe-request";
import { reminderLocale, reminderTexts } from "@/lib/reminders/texts";

type Params = { p?: string | string[]; s?: string | string[]; lang?: string | string[]; done?: string | string[]; error?: string | string[] };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/** The title in the reminder's language (the link carries it: the person may not be signed in). */
export async function generateMetadata({ searchParams }: { searchParams: Promise<Params> }): Promise<Metadata> {
  return { title: reminderTexts(reminderLocale(one((await searchParams).lang))).page.title };
}

/** Where a reminder's "Stop these reminder emails" link leads: a button confirms (link scanners change nothing). */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const lang = reminderLocale(one(params.lang));
  const state = one(params.done) === "1" ? "done" : one(params.error) || !isUnsubscribeLink(one(params.p), one(params.s)) ? "invalid" : "ask";
  return <UnsubscribeForm lang={lang} texts={reminderTexts(lang).page} state={state} participantId={one(params.p)} signature={one(params.s)} />;
}
