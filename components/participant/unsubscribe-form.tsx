import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ReminderTexts } from "@/lib/reminders/texts";

/** The unsubscribe page's content in the link's language: ask, done, or "this link is not valid". Works without JavaScript. */
export function UnsubscribeForm({ lang, texts, state, participantId, signature }: { lang: string; texts: ReminderTexts["page"]; state: "ask" | "done" | "invalid"; participantId: string; signature: string }) {
  return (
    <article lang={lang} className="space-y-6">
      <h1 className="text-3xl font-bold">{texts.title}</h1>
      {state === "done" && (
        <Notice tone="success">
          <p>{texts.done}</p>
          <p>{texts.accountEmailsStill}</p>
        </Notice>
      )}
      {state === "invalid" && <Notice tone="error">{texts.invalid}</Notice>}
      {state === "ask" && (
        <form method="post" action="/api/unsubscribe" className="space-y-4">
          <p className="text-lg">{texts.intro}</p>
          <input type="hidden" name="p" value={participantId} />
          <input type="hidden" name="s" value={signature} />
          <input type="hidden" name="lang" value={lang} />
          <SubmitButton>{texts.button}</SubmitButton>
        </form>
      )}
    </article>
  );
}
