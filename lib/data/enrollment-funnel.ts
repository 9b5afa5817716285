import "server-only";
import { db } from "../db";
import { addOutcome, dayRange, emptyCounts, type FunnelCounts } from "../dashboard/funnel";
import { assertRole, type StaffSession } from "../staff/roles";

/**
 * The enrollment funnel for staff, from the attempts the portal records (EnrollmentAttempt: one
 * per "Connect to …", its outcome set by the callback): per day, per health system, and the
 * failures by reason, over the last `days` days. Three grouped counts, whatever the volume.
 */
export type EnrollmentFunnel = {
  days: { day: string; counts: FunnelCounts }[];
  healthSystems: { id: string; name: string; counts: FunnelCounts; failures: { reason: string; count: number }[] }[];
  total: FunnelCounts;
  failures: { reason: string; count: number }[];
};

export async function getEnrollmentFunnel(staff: StaffSession, { days = 30, now = new Date() }: { days?: number; now?: Date } = {}): Promise<EnrollmentFunnel> {
  assertRole(staff, "viewer");
  const client = await db();
  const range = dayRange(days, now);
  const where = { day: { gte: range[0]! } };
  const [byDay, byHealthSystem, open, names] = await Promise.all([
    client.enrollmentAttempt.groupBy({ by: ["day", "outcome"], where, _count: { _all: true } }),
    client.enrollmentAttempt.groupBy({ by: ["healthSystemId", "outcome", "failureReason"], where, _count: { _all: true } }),
    client.enrollmentAttempt.groupBy({ by: ["healthSystemId", "day"], where: { ...where, outcome: null, expiresAt: { gte: now } }, _count: { _all: true } }),
    client.healthSystem.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  // Attempts with no outcome yet are in progress while their 15 minutes last, abandoned after.
  const openByDay = new Map<string, number>();
  const openByHs = new Map<string, number>();
  for (const g of open) {
    openByDay.set(g.day ?? "", (openByDay.get(g.day ?? "") ?? 0) + g._count._all);
    openByHs.set(g.healthSystemId, (openByHs.get(g.healthSystemId) ?? 0) + g._count._all);
  }
  const perDay = new Map(range.map((day) => [day, emptyCounts()]));
  for (const g of byDay) {
    const counts = perDay.get(g.day ?? "");
    if (!counts) continue;
    if (g.outcome === null) splitOpen(counts, g._count._all, openByDay.get(g.day ?? "") ?? 0);
    else addOutcome(counts, { outcome: g.outcome, count: g._count._all });
  }
  const total = emptyCounts();
  const failures = new Map<string, number>();
  const perHs = new Map<string, { counts: FunnelCounts; failures: Map<string, number> }>();
  for (const g of byHealthSystem) {
    const hs = perHs.get(g.healthSystemId) ?? { counts: emptyCounts(), failures: new Map<string, number>() };
    perHs.set(g.healthSystemId, hs);
    const count = g._count._all;
    if (g.outcome === null) {
      splitOpen(hs.counts, count, openByHs.get(g.healthSystemId) ?? 0);
      splitOpen(total, count, openByHs.get(g.healthSystemId) ?? 0);
    } else {
      addOutcome(hs.counts, { outcome: g.outcome, count });
      addOutcome(total, { outcome: g.outcome, count });
    }
    if (g.outcome === "failed") {
      const reason = g.failureReason ?? "";
      hs.failures.set(reason, (hs.failures.get(reason) ?? 0) + count);
      failures.set(reason, (failures.get(reason) ?? 0) + count);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return {
    days: range.map((day) => ({ day, counts: perDay.get(day)! })),
    healthSystems: names.filter((n) => perHs.has(n.id)).map((n) => ({ ...n, counts: perHs.get(n.id)!.counts, failures: sorted(perHs.get(n.id)!.failures) })),
    total,
    failures: sorted(failures),
  };
}

function splitOpen(counts: FunnelCounts, count: number, open: number) {
  const inProgress = Math.min(count, open);
  addOutcome(counts, { outcome: null, open: true, count: inProgress });
  addOutcome(counts, { outcome: null, open: false, count: count - inProgress });
}
