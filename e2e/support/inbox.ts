import { expect } from "@playwright/test";
import { E2E } from "./servers";

/** One message in the sandbox's mail catcher (GET /_mail/messages.json, newest first). */
export type CaughtMail = { to: string | string[]; subject: string; text: string; html: string; date: string };

const addressed = (m: CaughtMail, to: string) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a.toLowerCase().includes(to.toLowerCase()));

export async function inbox(to: string): Promise<CaughtMail[]> {
  const response = await fetch(`${E2E.sandboxUrl}/_mail/messages.json`);
  const all = (await response.json()) as CaughtMail[];
  return all.filter((m) => addressed(m, to));
}

/** Waits for a message to `to` whose subject matches (the outbox sends it moments later), newest first. */
export async function waitForMail(to: string, subject: RegExp, { after = 0 }: { after?: number } = {}): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await inbox(to)).find((m) => subject.test(m.subject) && Date.parse(m.date) >= after - 1000);
        return Boolean(found);
      },
      { timeout: 30_000, message: `an email to ${to} with subject ${subject}` },
    )
    .toBe(true);
  return found!;
}

/** The portal link in an email's text. */
export function linkIn(mail: CaughtMail): string {
  const match = /https?:\/\/\S+\/me\/link\?token=[A-Za-z0-9_%-]+/.exec(mail.text);
  if (!match) throw new Error(`no link in "${mail.subject}"`);
  return match[0];
}
