/**
 * The study team's questions about one connection, pure (the data layer asks the same of the
 * database in lib/data/dashboard-participants.ts `questionWhere`; the tests hold the two together).
 */
export const ENDING_SOON_DAYS = 30;
const DAY_MS = 86_400_000;

export type QuestionSettings = { now: Date; staleAfterDays: number };

/** Connected, and no complete sync within `staleAfterDays` (counted from connecting when there was none yet). */
export function isStale(c: { status: string; recordSyncedAt: Date | null; connectedAt: Date }, { now, staleAfterDays }: QuestionSettings): boolean {
  const cutoff = now.getTime() - staleAfterDays * DAY_MS;
  return c.status === "connected" && (c.recordSyncedAt ?? c.connectedAt).getTime() < cutoff;
}

/** Sharing ends (by the EHR's date) within ENDING_SOON_DAYS, or has ended. */
export function endsSoon(sharingEndsAt: Date | null, now: Date): boolean {
  return sharingEndsAt !== null && sharingEndsAt.getTime() <= now.getTime() + ENDING_SOON_DAYS * DAY_MS;
}
