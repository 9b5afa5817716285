import "server-only";
import { db } from "../db";
import type { ParticipantSession } from "./callers";
import { isLocale, type Locale } from "../i18n/locales";

/**
 * The language saved on a participant's account (pages and emails). Only the signed-in
 * participant reads or changes their own; a language preference is not audited (it reveals and
 * changes nothing about their record).
 */
export async function getMyLocale(me: ParticipantSession): Promise<Locale | null> {
  const row = await (await db()).participant.findUnique({ where: { id: me.participantId }, select: { locale: true } });
  return row && isLocale(row.locale) ? row.locale : null;
}

export async function saveMyLocale(me: ParticipantSession, locale: Locale): Promise<void> {
  await (await db()).participant.updateMany({ where: { id: me.participantId }, data: { locale } });
}
