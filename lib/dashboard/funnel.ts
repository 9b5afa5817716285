/**
 * The enrollment funnel, pure: attempts started, and how each ended — approved (connected),
 * denied (the participant did not approve at the EHR), failed (by reason), never came back
 * (the 15 minutes passed), or still at the health system now — per day and per health system.
 */
import { FAILURE_PAGES, isEnrollmentFailure } from "../enrollment/failures";

export type FunnelCounts = { started: number; approved: number; denied: number; failed: number; abandoned: number; inProgress: number };

export const emptyCounts = (): FunnelCounts => ({ started: 0, approved: 0, denied: 0, failed: 0, abandoned: 0, inProgress: 0 });

/** One group of attempts as the database counts them: their outcome (null: no answer yet) and, for failures, the reason. */
export type OutcomeCount = { outcome: string | null; failureReason?: string | null; open?: boolean; count: number };

/** Adds a group of attempts to counts. `open`: still within its 15 minutes (no outcome yet is not "abandoned"). */
export function addOutcome(counts: FunnelCounts, { outcome, open, count }: OutcomeCount): FunnelCounts {
  counts.started += count;
  if (outcome === "approved") counts.approved += count;
  else if (outcome === "denied") counts.denied += count;
  else if (outcome === "failed") counts.failed += count;
  else if (open) counts.inProgress += count;
  else counts.abandoned += count;
  return counts;
}

/** A failure reason in staff's words (the title the participant saw), or the code as recorded. */
export function failureReasonWords(reason: string | null | undefined): string {
  if (!reason) return "Reason not recorded";
  return isEnrollmentFailure(reason) ? FAILURE_PAGES[reason].title : reason;
}

/** The last `days` UTC days, oldest first, ending with `now`'s ("2026-11-01" … "2026-11-30"). */
export function dayRange(days: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-03" → "Nov 3" (a day, and it reads as one); "Nov 3, 2026" with `year`. */
export function dayLabel(day: string, { year = false } = {}): string {
  const [y, m, d] = day.split("-");
  const base = `${MONTHS[Number(m) - 1] ?? "?"} ${Number(d)}`;
  return year ? `${base}, ${y}` : base;
}
