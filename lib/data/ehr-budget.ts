import "server-only";
import { db } from "../db";
import type { DbTransaction } from "../db/client";
import { sql } from "../db/sql-tag";
import { env } from "../env";
import { grantSlots, startTimes, type EhrBudget, type EhrLimits, type LeaseGrant, type LeaseRequest, type StartTimes } from "../sync/ehr-budget";

/**
 * The request budget of each health system, in the database, shared by every worker on it
 * (docs/SYNC.md "Politeness"): leases on requests in flight (EhrLease), the next start time the
 * rate allows and the pause after a 429 (EhrBudget). Every change runs in a transaction that
 * first bumps the health system's EhrBudget row: on PostgreSQL that row lock makes claims on one
 * health system take turns (READ COMMITTED reads after it see the previous claim committed); on
 * SQLite the transaction holds the write lock (BEGIN IMMEDIATE). A few short transactions per
 * worker and second, never one per request without a rate.
 */

/** A health system's limits: its own settings, else EHR_MAX_REQUESTS_IN_FLIGHT and EHR_REQUESTS_PER_MINUTE. */
export function politenessOf(hs: { maxRequestsInFlight: number | null; requestsPerMinute: number | null } | null): EhrLimits {
  const e = env();
  return { maxInFlight: hs?.maxRequestsInFlight ?? e.EHR_MAX_REQUESTS_IN_FLIGHT, requestsPerMinute: hs?.requestsPerMinute ?? e.EHR_REQUESTS_PER_MINUTE ?? null };
}

/** Locks the health system's budget row (creating it) and reads it with the limits. */
async function lockBudget(tx: DbTransaction, healthSystemId: string) {
  await tx.$executeRaw(
    sql`INSERT INTO "EhrBudget" ("healthSystemId", "version") VALUES (${healthSystemId}, 0)
        ON CONFLICT ("healthSystemId") DO UPDATE SET "version" = "EhrBudget"."version" + 1`,
  );
  const budget = await tx.ehrBudget.findUniqueOrThrow({ where: { healthSystemId } });
  const hs = await tx.healthSystem.findUnique({ where: { id: healthSystemId }, select: { maxRequestsInFlight: true, requestsPerMinute: true } });
  return { budget, limits: politenessOf(hs) };
}

/** Takes, renews, resizes or gives back a worker's lease on a health system's requests in flight. */
export async function leaseEhrSlots(request: LeaseRequest): Promise<LeaseGrant> {
  const { healthSystemId, owner, inFlight, leaseMs } = request;
  return (await db()).$transaction(async (tx) => {
    const { budget, limits } = await lockBudget(tx, healthSystemId);
    const now = new Date();
    await tx.ehrLease.deleteMany({ where: { healthSystemId, leaseUntil: { lte: now } } });
    const others = await tx.ehrLease.findMany({ where: { healthSystemId, owner: { not: owner } }, select: { slots: true, wanted: true } });
    const want = Math.min(request.want, limits.maxInFlight);
    const { slots, target } = grantSlots(limits.maxInFlight, others, want, inFlight);
    if (slots === 0 && want === 0) await tx.ehrLease.deleteMany({ where: { healthSystemId, owner } });
    else {
      const lease = { slots, wanted: want, leaseUntil: new Date(now.getTime() + leaseMs) };
      await tx.ehrLease.upsert({ where: { healthSystemId_owner: { healthSystemId, owner } }, create: { healthSystemId, owner, ...lease }, update: lease });
    }
    return { ...limits, slots: target, pausedUntil: budget.pausedUntil?.getTime() ?? 0 };
  });
}

/** Reserves the next `count` start times the health system's rate allows (null: it has none). */
export async function reserveEhrRequests(healthSystemId: string, count: number, leadMs: number): Promise<StartTimes | null> {
  return (await db()).$transaction(async (tx) => {
    const { budget, limits } = await lockBudget(tx, healthSystemId);
    if (!limits.requestsPerMinute) return null;
    const from = Math.max(Date.now() + leadMs, budget.nextRequestAt?.getTime() ?? 0, budget.pausedUntil?.getTime() ?? 0);
    const times = startTimes(limits.requestsPerMinute, from, count);
    // Stored rounded down: the next reservation starts at the same grid point, never before it.
    await tx.ehrBudget.update({ where: { healthSystemId }, data: { nextRequestAt: new Date(Math.floor(times.startsAt + count * times.intervalMs)) } });
    return times;
  });
}

/** No request to the health system before `until`, for any worker (a later pause already set stays). */
export async function pauseEhr(healthSystemId: string, until: number): Promise<void> {
  await (await db()).$transaction(async (tx) => {
    const { budget } = await lockBudget(tx, healthSystemId);
    if ((budget.pausedUntil?.getTime() ?? 0) < until) await tx.ehrBudget.update({ where: { healthSystemId }, data: { pausedUntil: new Date(until) } });
  });
}

/** The shared budget for EhrLimiter. */
export const databaseEhrBudget: EhrBudget = { lease: leaseEhrSlots, reserve: reserveEhrRequests, pause: pauseEhr };
