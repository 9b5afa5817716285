import { describe, expect, it } from "vitest";
import { databaseEhrBudget } from "../data/ehr-budget";
import { setEhrPoliteness } from "../data/ehr-budget-settings";
import { operator } from "../data/callers";
import { storeRecordBatch } from "../data/resource-store";
import { aConnection, aHealthSystem } from "../data/test-factories";
import type { EhrBudget } from "./ehr-budget";
import { EhrLimiter } from "./ehr-limiter";

/**
 * Two limiters ("two workers") drawing on the database's budget while the same process stores
 * resources through the plain-SQL connection, as a sync worker does. On SQLite both connections
 * write the one file from one thread: a store that began while a budget transaction was open
 * used to sleep the thread in the busy handler and fail with "database is locked" (the budget's
 * transaction could not run to its commit meanwhile). Nothing may fail.
 */
function recording(errors: unknown[]): EhrBudget {
  const noted = <T>(p: Promise<T>) => p.catch((error: unknown) => (errors.push(error), Promise.reject(error)));
  return {
    lease: (request) => noted(databaseEhrBudget.lease(request)),
    reserve: (...args) => noted(databaseEhrBudget.reserve(...args)),
    pause: (...args) => noted(databaseEhrBudget.pause(...args)),
  };
}

const rows = (n: number, round: number) =>
  Array.from({ length: n }, (_, i) => ({ resourceType: "Observation", fhirId: `o-${i}`, versionId: String(round), lastUpdated: null, contentHash: `h-${round}-${i}`, json: `{"round":${round}}` }));

describe("the database's EHR budget beside the sync's own writes", () => {
  it("never fails while the same process writes resources", { timeout: 120_000 }, async () => {
    const hs = await aHealthSystem();
    expect(await setEhrPoliteness(operator("test"), hs.id, { maxRequestsInFlight: 4, requestsPerMinute: 6000 })).toEqual({ ok: true });
    const connection = await aConnection(hs.id);
    const errors: unknown[] = [];
    const workers = ["worker-1", "worker-2"].map((owner) => new EhrLimiter({ budget: recording(errors), owner, renewMs: 20 }));
    // Each round starts requests (their leases and reservations) and, a few promise steps apart,
    // stores, so some store begins while a budget transaction is open, as in a busy worker.
    const later = async (steps: number, work: () => Promise<unknown>) => {
      for (let i = 0; i < steps; i++) await null;
      return work();
    };
    for (let round = 1; round <= 4; round++) {
      await Promise.all([
        ...workers.flatMap((limiter) => Array.from({ length: 6 }, () => limiter.run(hs.id, () => new Promise((r) => setTimeout(r, 2))))),
        ...[0, 4, 8, 16, 32, 64, 128].map((steps, k) =>
          later(steps, () => storeRecordBatch(connection.id, { groups: [{ source: "record", rows: rows(10, round * 10 + k) }], removals: [], states: [] })).catch((error: unknown) => errors.push(error)),
        ),
      ]);
    }
    expect(errors.map((e) => (e instanceof Error ? e.message : String(e)))).toEqual([]);
  });
});
