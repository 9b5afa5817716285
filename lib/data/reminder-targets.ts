import "server-only";
import { db } from "../db";
import { recordAudit } from "./audit-events";
import type { Portal } from "./callers";

/**
 * What reminders need from the database: the connections a reminder may be due for, and turning
 * a participant's reminders off (their unsubscribe link). Only participants in the study with a
 * verified address who have not unsubscribed get reminders.
 */
export type ReminderTarget = {
  connectionId: string;
  participantId: string;
  email: string;
  locale: string;
  healthSystemId: string;
  healthSystemName: string;
  status: string;
  approvalExpiresAt: Date | null;
  connectedAt: Date;
};

const DAY_MS = 86_400_000;

/**
 * Connections whose sharing ends (by the EHR's own word) within `withinDays` from `now`, and
 * connections that need reconnecting: one page of up to `limit`, in id order after `afterId`
 * (the caller pages through them all).
 */
export async function findReminderTargets(now: Date, withinDays: number, { afterId, limit = 1_000 }: { afterId?: string; limit?: number } = {}): Promise<ReminderTarget[]> {
  const rows = await (await db()).connection.findMany({
    where: {
      ...(afterId && { id: { gt: afterId } }),
      participant: { status: "active", email: { not: null }, emailVerifiedAt: { not: null }, remindersOffAt: null },
      OR: [
        { status: "connected", approvalFromEhr: true, approvalExpiresAt: { gt: now, lte: new Date(now.getTime() + withinDays * DAY_MS) } },
        { status: "needs_reconnect" },
      ],
    },
    orderBy: { id: "asc" },
    take: limit,
    select: {
      id: true,
      status: true,
      approvalExpiresAt: true,
      connectedAt: true,
      healthSystem: { select: { id: true, name: true } },
      participant: { select: { id: true, email: true, locale: true } },
    },
  });
  return rows.map((r) => ({
    connectionId: r.id,
    participantId: r.participant.id,
    email: r.participant.email!,
    locale: r.participant.locale,
    healthSystemId: r.healthSystem.id,
    healthSystemName: r.healthSystem.name,
    status: r.status,
    approvalExpiresAt: r.approvalExpiresAt,
    connectedAt: r.connectedAt,
  }));
}

/** Whether the participant has turned reminders off (the unsubscribe page shows "done" then). */
export async function remindersAreOff(participantId: string): Promise<boolean> {
  const row = await (await db()).participant.findUnique({ where: { id: participantId }, select: { remindersOffAt: true } });
  return Boolean(row?.remindersOffAt);
}

/**
 * Turns reminders off for a participant who followed a valid (signed) unsubscribe link. Once:
 * the first time is kept and audited; later clicks change nothing. False for an unknown id.
 */
export async function turnRemindersOff(caller: Portal, participantId: string, now = new Date()): Promise<{ found: boolean }> {
  const client = await db();
  const changed = await client.participant.updateMany({ where: { id: participantId, remindersOffAt: null }, data: { remindersOffAt: now } });
  if (changed.count === 1) {
    await recordAudit(caller, "participant.reminders_off", { participantId, detail: "Followed the unsubscribe link of a reminder email." });
    return { found: true };
  }
  return { found: (await client.participant.count({ where: { id: participantId } })) === 1 };
}
