import "server-only";
import { capabilitiesFrom, type Capabilities } from "../fhir/record-fetch/capability";
import { getJson, type FetchContext, type RequestResult } from "../fhir/record-fetch/request";
import { log } from "../log";

/**
 * Each health system's CapabilityStatement, read once per pass (a pass makes one of these caches;
 * "Refresh now" makes its own), shared by every connection of that health system. It is asked for
 * first without the access token (SMART servers serve `metadata` to anyone), so a sync reads it
 * while its token refresh is still on the way; a server that refuses that (401/403) is asked again
 * with the token once it is at hand. Unreadable: null, and every granted type is tried (a type the
 * server does not have answers 400/404 and is recorded as unsupported).
 */
export type MetadataContext = Omit<FetchContext, "budget" | "retriesAfter429" | "patientId" | "accessToken">;
/** `accessToken`: the connection's token once usable (null: none), for a server that wants one. */
export type CapabilityCache = (healthSystemId: string, ctx: MetadataContext, accessToken: () => Promise<string | null>) => Promise<Capabilities | null>;

const METADATA_MAX_BYTES = 4 * 1024 * 1024;

export function capabilityCache(): CapabilityCache {
  const cache = new Map<string, Promise<Capabilities | null>>();
  return (healthSystemId, ctx, accessToken) => {
    let entry = cache.get(healthSystemId);
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
    }
    return entry;
  };
}
