import "server-only";
import { portal } from "../data/callers";
import { queueEmail, usedDedupeKeys } from "../data/emails";
import { findReminderTargets, type ReminderTarget } from "../data/reminder-targets";
import { env } from "../env";
import { composeReminder, type ReminderKind, type ReminderSettings } from "./compose";

/**
 * Queues the reminders that have come due: 14 days before sharing ends (the EHR's word only),
 * 3 days before, and when a connection needs reconnecting. Each is queued once per event: its
 * key names the kind, the connection and the event (the end date; for reconnecting, the
 * connection's last connect time), and the outbox refuses a second email with the same key, so
 * restarts and several workers running this at once still send one email each. A new end date
 * (the participant reconnected) is a new event.
 */
const DAY_MS = 86_400_000;

export function reminderFor(target: ReminderTarget, now: Date): { kind: ReminderKind; dedupeKey: string } | null {
  if (target.status === "needs_reconnect") return { kind: "reminder_reconnect", dedupeKey: `reminder_reconnect:${target.connectionId}:${target.connectedAt.toISOString()}` };
  const end = target.approvalExpiresAt;
  if (!end || end <= now) return null;
  const left = end.getTime() - now.getTime();
  const kind = left <= 3 * DAY_MS ? "reminder_ends_3" : left <= 14 * DAY_MS ? "reminder_ends_14" : null;
  return kind && { kind, dedupeKey: `${kind}:${target.connectionId}:${end.toISOString()}` };
}

export function reminderSettingsFromEnv(): ReminderSettings {
  const e = env();
  const contact = /<([^>]+)>/.exec(e.MAIL_FROM)?.[1] ?? e.MAIL_FROM;
  return { portalUrl: e.PORTAL_URL, secret: e.AUTH_SECRET, studyName: e.STUDY_NAME, contact };
}

export async function queueDueReminders(now = new Date(), settings = reminderSettingsFromEnv(), pageSize = 1_000): Promise<{ queued: number }> {
  let queued = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await findReminderTargets(now, 14, { ...(afterId && { afterId }), limit: pageSize });
    const due = page.flatMap((target) => {
      const reminder = reminderFor(target, now);
      return reminder ? [{ target, ...reminder }] : [];
    });
    const used = await usedDedupeKeys(due.map((d) => d.dedupeKey));
    for (const { target, kind, dedupeKey } of due) {
      if (used.has(dedupeKey)) continue;
      const content = composeReminder(
        { kind, locale: target.locale, participantId: target.participantId, healthSystemId: target.healthSystemId, healthSystemName: target.healthSystemName, endsAt: target.approvalExpiresAt ?? undefined, now },
        settings,
      );
      const result = await queueEmail(portal, { participantId: target.participantId, to: target.email, kind, dedupeKey, ...content });
      if (result.status === "queued") queued++;
    }
    if (page.length < pageSize) return { queued };
    afterId = page.at(-1)!.connectionId;
  }
}
