import "server-only";
import { db } from "../db";
import { recordAudit } from "./audit-events";
import type { Operator } from "./callers";

/**
 * A health system's politeness settings (docs/SYNC.md "Politeness"): the most requests in flight
 * from all workers together and the most requests per minute; null falls back to
 * EHR_MAX_REQUESTS_IN_FLIGHT / EHR_REQUESTS_PER_MINUTE. Set by `npm run ehr:add`, audited.
 */
export type EhrPoliteness = { maxRequestsInFlight?: number | null; requestsPerMinute?: number | null };

export const POLITENESS_BOUNDS = { maxRequestsInFlight: { min: 1, max: 256 }, requestsPerMinute: { min: 1, max: 1_000_000 } } as const;

/** A plain-language problem with the settings, or null. */
export function politenessProblem(settings: EhrPoliteness): string | null {
  for (const key of ["maxRequestsInFlight", "requestsPerMinute"] as const) {
    const value = settings[key];
    const { min, max } = POLITENESS_BOUNDS[key];
    if (value != null && (!Number.isInteger(value) || value < min || value > max)) return `${key} must be a whole number from ${min} to ${max.toLocaleString("en-US")}.`;
  }
  return null;
}

export async function setEhrPoliteness(caller: Operator, healthSystemId: string, settings: EhrPoliteness): Promise<{ ok: true } | { ok: false; message: string }> {
  const problem = politenessProblem(settings);
  if (problem) return { ok: false, message: problem };
  await (await db()).$transaction(async (tx) => {
    const hs = await tx.healthSystem.update({ where: { id: healthSystemId }, data: settings, select: { fhirBaseUrl: true, maxRequestsInFlight: true, requestsPerMinute: true } });
    const describe = (v: number | null, unit: string) => (v == null ? `default ${unit}` : `${v} ${unit}`);
    await recordAudit(caller, "health_system.change", { detail: `${hs.fhirBaseUrl}: politeness ${describe(hs.maxRequestsInFlight, "in flight")}, ${describe(hs.requestsPerMinute, "per minute")}` }, tx);
  });
  return { ok: true };
}
