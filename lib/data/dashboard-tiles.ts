import "server-only";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";
import { questionSettings, questionWhere, type QuestionSettings } from "./dashboard-participants";

/**
 * The study team's questions at a glance, counted over connections: connected; stale (connected,
 * no complete sync within STALE_AFTER_DAYS); sharing ends within 30 days by the EHR's own date,
 * with the connections whose EHR never said counted apart; needs reconnecting. Plus participants
 * enrolled (ever) and withdrawn.
 */
export type DashboardTiles = {
  enrolled: number;
  connected: number;
  stale: number;
  endingSoon: number;
  endingUnknown: number;
  needsReconnecting: number;
  withdrawn: number;
  staleAfterDays: number;
};

export async function getDashboardTiles(staff: StaffSession, settings: QuestionSettings = questionSettings()): Promise<DashboardTiles> {
  assertRole(staff, "viewer");
  const client = await db();
  const [enrolled, withdrawn, byStatus, stale, endingSoon, endingUnknown] = await Promise.all([
    client.participant.count(),
    client.participant.count({ where: { status: "withdrawn" } }),
    client.connection.groupBy({ by: ["status"], _count: { _all: true } }),
    client.connection.count({ where: questionWhere("stale", settings) }),
    client.connection.count({ where: questionWhere("ending", settings) }),
    client.connection.count({ where: questionWhere("ending-unknown", settings) }),
  ]);
  const count = (status: string) => byStatus.find((g) => g.status === status)?._count._all ?? 0;
  return { enrolled, connected: count("connected"), stale, endingSoon, endingUnknown, needsReconnecting: count("needs_reconnect"), withdrawn, staleAfterDays: settings.staleAfterDays };
}

export type MonthlyEnrollments = { month: string; count: number }[];

/** Participants enrolled per calendar month (UTC) over the last `months` months, oldest first. */
export async function getMonthlyEnrollments(staff: StaffSession, months = 12, now = new Date()): Promise<MonthlyEnrollments> {
  assertRole(staff, "viewer");
  const client = await db();
  const starts = Array.from({ length: months + 1 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1 + i, 1)));
  // One indexed count per month (createdAt is indexed): constant work, the same SQL on both databases.
  const counts = await Promise.all(
    starts.slice(0, -1).map((start, i) => client.participant.count({ where: { createdAt: { gte: start, lt: starts[i + 1] } } })),
  );
  return counts.map((count, i) => ({ month: starts[i]!.toISOString().slice(0, 7), count }));
}
