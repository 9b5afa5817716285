/**
 * One planned search of a patient's record, page by page: `?patient=<id>` (with the category, the
 * `_lastUpdated` lower bound and `_count` where they apply), then each `next` link while it stays on
 * the FHIR base's origin, at most `maxPagesPerSearch` pages, never the same link twice. Each page
 * is asked for as soon as the page before it has arrived and its `next` link passed the checks; then
 * that page is checked whole (lib/fhir/record-fetch/entries), its references are handed to
 * `onReferences`, and it is handed to `onPage` (the caller stores it whole or not at all). Pages go
 * to `onPage` one at a time and in order, at most one is being stored while the next is checked,
 * and the search returns only once every page handed on is stored. A failing `onPage` ends the
 * search with its error. Framework-free.
 */
import { cutPageWithinDepth } from "../bundle-slices";
import { checkPage, nextLinkOf, referenceCollector, type FetchedResource } from "./entries";
import type { RecordLimits } from "./limits";
import type { PlannedSearch } from "./plan";
import { getJson, NOT_JSON, type FetchContext, type RequestFailure, type RequestResult } from "./request";

export type SearchResult =
  | { ok: true; refused: number; fetched: number; newestLastUpdated: string | null; seen: Set<string> }
  | ({ ok: false; refused: number } & RequestFailure);

export type SearchInput = {
  search: PlannedSearch;
  /** `_lastUpdated=gt<since>` (already moved back by the safety overlap); null: the whole type. */
  since: string | null;
  limits: RecordLimits;
  referenceTypes: readonly string[];
  /** The referenced resources a page names ("Practitioner/abc"), as soon as the page is checked. */
  onReferences: (found: Set<string>) => void;
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

type Next = { url: string; answer: Promise<RequestResult> } | { url: null; failure: string | null };

export async function runSearch(ctx: FetchContext, input: SearchInput): Promise<SearchResult> {
  // The page before this one is stored while this one is checked; a store's failure is raised at
  // the next step (it is marked handled meanwhile, and awaited before the search returns).
  let storing: Promise<void> = Promise.resolve();
  let storeFailed = false;
  const store = (resources: FetchedResource[]) => {
    storing = storing.then(() => input.onPage(resources));
    storing.catch(() => (storeFailed = true));
  };
  const stored = async <T>(result: T): Promise<T> => {
    await storing;
    return result;
  };
  const { search, limits } = input;
  const seen = new Set<string>();
  const visited = new Set<string>();
  let refused = 0;
  let fetched = 0;
  let newest: string | null = null;
  let newestMs = -Infinity;
  const collectReferences = referenceCollector(input.referenceTypes, ctx.fhirBase);
  const ask = (url: string): Next => {
    visited.add(url);
    // The page's depth is checked below, in the walk that cuts its resources' texts.
    return { url, answer: getJson(ctx, url, limits.maxPageBytes, { nestingCheckedByCaller: true }) };
  };
  // The page after `json` (the `pages`-th), asked for at once when its link may be followed.
  const follow = (json: unknown, pages: number): Next => {
    const link = nextLinkOf(json);
    if (link === null) return { url: null, failure: null };
    const url = allowedNext(link, ctx.fhirBase);
    if (url === null) return { url: null, failure: "The health system pointed the next page at another address; it was not followed." };
    if (visited.has(url)) return { url: null, failure: "The health system's pages point back at themselves; paging stopped." };
    if (pages >= limits.maxPagesPerSearch) return { url: null, failure: `The list did not end after ${limits.maxPagesPerSearch} pages; what came is kept and the rest is tried next time.` };
    return ask(url);
  };
  let next: Next = ask(firstPageUrl(ctx, input));
  for (let pages = 1; next.url !== null; pages++) {
    const answer = await next.answer;
    if (storeFailed) await storing;
    if (!answer.ok) return stored({ ...answer, refused });
    const cut = cutPageWithinDepth(answer.text);
    if (!cut) return stored({ ok: false, refused, kind: "failed", reason: NOT_JSON });
    next = follow(answer.json, pages);
    const checked = checkPage(answer.json, { resourceType: search.resourceType, patientId: ctx.patientId, fhirBase: ctx.fhirBase, maxResourceBytes: limits.maxResourceBytes, sent: cut.resources });
    // Not a searchset Bundle: the search fails here (a next page already asked for is left unread).
    if (!checked) return stored({ ok: false, refused, kind: "failed", reason: "The health system's answer is not a FHIR search result." });
    refused += checked.refused;
    const references = new Set<string>();
    for (const r of checked.resources) {
      seen.add(r.fhirId);
      const updated = r.lastUpdated === null ? NaN : Date.parse(r.lastUpdated);
      if (updated > newestMs) {
        newest = r.lastUpdated;
        newestMs = updated;
      }
      collectReferences(r.json, references);
    }
    if (references.size > 0) input.onReferences(references);
    fetched += checked.resources.length;
    // At most one page waits to be stored: the one before this is stored before this one is handed on.
    await storing;
    store(checked.resources);
    if (next.url === null && next.failure !== null) return stored({ ok: false, refused, kind: "failed", reason: next.failure });
  }
  return stored({ ok: true, refused, fetched, newestLastUpdated: newest, seen });
}
