import "server-only";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";

export type DashboardTiles = { enrolled: number; connected: number; needsReconnecting: number; withdrawn: number };

/** The four tiles: participants enrolled (ever), connections by state, participants withdrawn. */
export async function getDashboardTiles(staff: StaffSession): Promise<DashboardTiles> {
  assertRole(staff, "viewer");
  const client = await db();
  const [enrolled, withdrawn, byStatus] = await Promise.all([
    client.participant.count(),
    client.participant.count({ where: { status: "withdrawn" } }),
    client.connection.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const count = (status: string) => byStatus.find((g) => g.status === status)?._count._all ?? 0;
  return { enrolled, connected: count("connected"), needsReconnecting: count("needs_reconnect"), withdrawn };
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
