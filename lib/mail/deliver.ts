import "server-only";
import { backoffDelayMs } from "../connections/backoff";
import { claimDueEmails, recordEmailOutcome, type ClaimedEmail, type EmailOutcome } from "../data/emails";
import { log } from "../log";
import { describeMailFailure } from "./errors";
import type { SendMail } from "./transport";

/**
 * Sends the emails that are due: claims a batch (a lease no other worker can take), sends each,
 * then records the outcome — sent (content cleared), another attempt after an exponential backoff
 * (30 s doubling to 6 h) when the server is down or busy, and "failed" with a plain reason when
 * the server refuses the message or after the last attempt.
 */
export type MailSettings = { owner: string; send: SendMail; maxAttempts: number; batchSize?: number; leaseMs?: number };

const BACKOFF = { baseMs: 30_000, maxMs: 6 * 3_600_000 };

export async function deliverDueEmails(settings: MailSettings, now = new Date()): Promise<{ attempted: number; sent: number }> {
  const claimed = await claimDueEmails(settings.owner, settings.batchSize ?? 20, settings.leaseMs ?? 120_000, now);
  let sent = 0;
  // One at a time: a mail server takes one connection's messages in turn anyway, and a slow one
  // then holds up one lease, not twenty.
  for (const email of claimed) if ((await deliverOne(email, settings)).kind === "sent") sent++;
  return { attempted: claimed.length, sent };
}

async function deliverOne(email: ClaimedEmail, settings: MailSettings): Promise<EmailOutcome> {
  let outcome: EmailOutcome;
  try {
    await settings.send(email.content);
    outcome = { kind: "sent" };
  } catch (error) {
    const failure = describeMailFailure(error);
    if (failure.permanent || email.attempts + 1 >= settings.maxAttempts) outcome = { kind: "failed", error: failure.words };
    else outcome = { kind: "retry", error: failure.words, nextAttemptAt: new Date(Date.now() + backoffDelayMs(email.attempts, undefined, BACKOFF)) };
  }
  await recordEmailOutcome(email.id, settings.owner, outcome);
  const fields = { emailId: email.id, kind: email.kind, attempt: email.attempts + 1 };
  if (outcome.kind === "sent") log.info("email.sent", fields);
  else log.warn("email.attempt_failed", { ...fields, error: outcome.error, final: outcome.kind === "failed" });
  return outcome;
}
