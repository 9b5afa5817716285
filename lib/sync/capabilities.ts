import "server-only";
import { capabilitiesFrom, type Capabilities } from "../fhir/record-fetch/capability";
import { getJson, type FetchContext } from "../fhir/record-fetch/request";
import { log } from "../log";

/**
 * Each health system's CapabilityStatement, read once per pass (a pass makes one of these caches;
 * "Refresh now" makes its own). Unreadable: null, and every granted type is tried (a type the
 * server does not have answers 400/404 and is recorded as unsupported).
 */
export type CapabilityCache = (healthSystemId: string, ctx: Omit<FetchContext, "budget" | "retriesAfter429">) => Promise<Capabilities | null>;

const METADATA_MAX_BYTES = 4 * 1024 * 1024;

export function capabilityCache(): CapabilityCache {
  const cache = new Map<string, Promise<Capabilities | null>>();
  return (healthSystemId, ctx) => {
    let entry = cache.get(healthSystemId);
    if (!entry) {
      entry = getJson({ ...ctx, budget: { remaining: METADATA_MAX_BYTES }, retriesAfter429: 1 }, `${ctx.fhirBase.replace(/\/+$/, "")}/metadata`, METADATA_MAX_BYTES).then((answer) => {
        if (!answer.ok) {
          log.warn("sync.metadata_unreadable", { healthSystemId, reason: answer.reason });
          cache.delete(healthSystemId); // tried again by the next connection of the pass
          return null;
        }
        return capabilitiesFrom(answer.json);
      });
      cache.set(healthSystemId, entry);
    }
    return entry;
  };
}
