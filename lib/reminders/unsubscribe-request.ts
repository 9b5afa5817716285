import "server-only";
import { portal } from "../data/callers";
import { turnRemindersOff } from "../data/reminder-targets";
import { env } from "../env";
import { verifyUnsubscribe } from "./unsubscribe";

/**
 * Following an unsubscribe link: a valid signature turns the participant's reminders off (once;
 * again is harmless); a tampered or made-up link changes nothing and gets one plain answer,
 * the same whether or not the id exists.
 */
export type UnsubscribeResult = { ok: true } | { ok: false; reason: "invalid" };

/** Whether a link's id and signature are ones the portal made (checked before showing the button). */
export const isUnsubscribeLink = (participantId: unknown, signature: unknown, secret = env().AUTH_SECRET) => verifyUnsubscribe(secret, participantId, signature);

export async function unsubscribe(participantId: unknown, signature: unknown, secret = env().AUTH_SECRET): Promise<UnsubscribeResult> {
  if (!verifyUnsubscribe(secret, participantId, signature)) return { ok: false, reason: "invalid" };
  const { found } = await turnRemindersOff(portal, participantId);
  return found ? { ok: true } : { ok: false, reason: "invalid" };
}
