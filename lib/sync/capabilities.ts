import "server-only";
import { capabilitiesFrom, type Capabilities } from "../fhir/record-fetch/capability";
import { getJson, type FetchContext, type RequestResult } from "../fhir/record-fetch/request";
import { log } from "../log";

/**
 * Each health system's CapabilityStatement, read once per cache and shared by every connection of
 * that health system: a pass makes one for itself, "Refresh now" its own, and the sync worker keeps
 * one across its passes for `maxAgeMs` (WORKER_CAPABILITIES_MAX_AGE_MS), so that a first sync
 * right after enrollment does not wait for `metadata` before its first search. It is asked for
 * first without the access token (SMART servers serve `metadata` to anyone), so a sync reads it
 * while its token refresh is still on the way; a server that refuses that (401/403) is asked again
 * with the token once it is at hand. Unreadable: null, and every granted type is tried (a type the
 * server does not have answers 400/404 and is recorded as unsupported).
 */
export type MetadataContext = Omit<FetchContext, "budget" | "retriesAfter429" | "patientId" | "accessToken">;
/** `accessToken`: the connection's token once usable (null: none), for a server that wants one. */
export type CapabilityCache = (healthSystemId: string, ctx: MetadataContext, accessToken: () => Promise<string | null>) => Promise<Capabilities | null>;

const METADATA_MAX_BYTES = 4 * 1024 * 1024;

/** How long the worker's cache keeps a health system's CapabilityStatement (read again after that). */
export const WORKER_CAPABILITIES_MAX_AGE_MS = 60 * 60_000;

/** `maxAgeMs`: a statement read longer ago than this is read again (default: kept as long as the cache). */
export function capabilityCache(options: { maxAgeMs?: number; now?: () => number } = {}): CapabilityCache {
  const now = options.now ?? Date.now;
  const cache = new Map<string, Promise<Capabilities | null>>();
  const readAt = new Map<string, number>();
  return (healthSystemId, ctx, accessToken) => {
    let entry = cache.get(healthSystemId);
    if (entry && options.maxAgeMs !== undefined && now() - readAt.get(healthSystemId)! > options.maxAgeMs) entry = undefined;
    if (!entry) {
      const url = `${ctx.fhirBase.replace(/\/+$/, "")}/metadata`;
      const read = (token: string | null): Promise<RequestResult> =>
        getJson({ ...ctx, patientId: "", accessToken: token, budget: { remaining: METADATA_MAX_BYTES }, retriesAfter429: 1 }, url, METADATA_MAX_BYTES);
      entry = read(null)
        .then(async (answer) => {
          if (answer.ok || answer.kind !== "refused") return answer;
          const token = await accessToken();
          return token === null ? answer : read(token);
        })
        .then((answer) => {
          if (!answer.ok) {
            log.warn("sync.metadata_unreadable", { healthSystemId, reason: answer.reason });
            cache.delete(healthSystemId); // tried again by the next connection of the pass
            return null;
          }
          return capabilitiesFrom(answer.json);
        });
      cache.set(healthSystemId, entry);
      readAt.set(healthSystemId, now());
    }
    return entry;
  };
}
