import "server-only";
import { env } from "../env";
import { databaseEhrBudget } from "../data/ehr-budget";
import { EhrLimiter } from "./ehr-limiter";

/**
 * The process's one politeness limiter: every request of every sync in this process (token refresh
 * and FHIR alike, worker passes and staff "Refresh now") goes through `run(healthSystemId, job)`,
 * and a 429/Retry-After calls `pause(healthSystemId, seconds)`. A pass given its own concurrency
 * (tests) gets its own limiter.
 */
const holder = globalThis as unknown as { portalEhrLimiter?: EhrLimiter };

export function processLimiter(): EhrLimiter {
  // The health systems' limits (maxRequestsInFlight, requestsPerMinute), shared with every other
  // process on the database (docs/SYNC.md "Politeness").
  return (holder.portalEhrLimiter ??= new EhrLimiter({ budget: databaseEhrBudget, owner: `process:${process.pid}` }));
}

export function limiterFor(concurrencyPerEhr: number | undefined): EhrLimiter {
  return concurrencyPerEhr === undefined || concurrencyPerEhr === env().SYNC_CONCURRENCY_PER_EHR ? processLimiter() : new EhrLimiter(concurrencyPerEhr);
}
