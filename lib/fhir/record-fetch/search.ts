/**
 * One planned search of a patient's record, page by page: `?patient=<id>` (with the category, the
 * `_lastUpdated` lower bound and `_count` where they apply), then each `next` link while it stays on
 * the FHIR base's origin, at most `maxPagesPerSearch` pages, never the same link twice. Each page
 * is checked whole (lib/fhir/record-fetch/entries) and handed to `onPage` before the next is asked
 * for: the caller stores it whole or not at all. Framework-free.
 */
import { checkPage, collectReferences, type FetchedResource } from "./entries";
import type { RecordLimits } from "./limits";
import type { PlannedSearch } from "./plan";
import { getJson, type FetchContext, type RequestFailure } from "./request";

export type SearchResult =
  | { ok: true; refused: number; fetched: number; newestLastUpdated: string | null; seen: Set<string> }
  | ({ ok: false; refused: number } & RequestFailure);

export type SearchInput = {
  search: PlannedSearch;
  /** `_lastUpdated=gt<since>` (already moved back by the safety overlap); null: the whole type. */
  since: string | null;
  limits: RecordLimits;
  referenceTypes: readonly string[];
  /** Referenced resources found on the pages ("Practitioner/abc"). */
  references: Set<string>;
  onPage: (resources: FetchedResource[]) => Promise<void>;
};

export function firstPageUrl(ctx: Pick<FetchContext, "fhirBase" | "patientId">, input: Pick<SearchInput, "search" | "since" | "limits">): string {
  const url = new URL(`${ctx.fhirBase.replace(/\/+$/, "")}/${input.search.resourceType}`);
  url.searchParams.set("patient", ctx.patientId);
  if (input.search.category) url.searchParams.set("category", input.search.category);
  if (input.since && input.search.lastUpdated) url.searchParams.set("_lastUpdated", `gt${input.since}`);
  if (input.search.count) url.searchParams.set("_count", String(input.limits.pageSize));
  return url.href;
}

/** The next link, when it is an http(s) URL on the FHIR base's own origin. */
export function allowedNext(next: string, fhirBase: string): string | null {
  try {
    const url = new URL(next);
    const base = new URL(fhirBase);
    return url.origin === base.origin && url.username === "" && url.password === "" ? url.href : null;
  } catch {
    return null;
  }
}

export async function runSearch(ctx: FetchContext, input: SearchInput): Promise<SearchResult> {
  const { search, limits } = input;
  const seen = new Set<string>();
  const visited = new Set<string>();
  let refused = 0;
  let fetched = 0;
  let newest: string | null = null;
  let url: string | null = firstPageUrl(ctx, input);
  for (let page = 0; url !== null; page++) {
    if (page >= limits.maxPagesPerSearch) return { ok: false, refused, kind: "failed", reason: `The list did not end after ${limits.maxPagesPerSearch} pages; what came is kept and the rest is tried next time.` };
    visited.add(url);
    const answer = await getJson(ctx, url, limits.maxPageBytes);
    if (!answer.ok) return { ...answer, refused };
    const checked = checkPage(answer.json, { resourceType: search.resourceType, patientId: ctx.patientId, fhirBase: ctx.fhirBase, maxResourceBytes: limits.maxResourceBytes });
    if (!checked) return { ok: false, refused, kind: "failed", reason: "The health system's answer is not a FHIR search result." };
    refused += checked.refused;
    for (const r of checked.resources) {
      seen.add(r.fhirId);
      if (r.lastUpdated !== null && (newest === null || Date.parse(r.lastUpdated) > Date.parse(newest))) newest = r.lastUpdated;
      collectReferences(r.json, input.referenceTypes, ctx.fhirBase, input.references);
    }
    fetched += checked.resources.length;
    await input.onPage(checked.resources);
    if (checked.next === null) break;
    const next = allowedNext(checked.next, ctx.fhirBase);
    if (next === null) return { ok: false, refused, kind: "failed", reason: "The health system pointed the next page at another address; it was not followed." };
    if (visited.has(next)) return { ok: false, refused, kind: "failed", reason: "The health system's pages point back at themselves; paging stopped." };
    url = next;
  }
  return { ok: true, refused, fetched, newestLastUpdated: newest, seen };
}
