/**
 * Resources the record points at (a Practitioner, an Organization, …), read by id: several of one
 * type in one `_id` search where the server declares `_id` for the type and the scope lets the
 * sync search it (`Practitioner?_id=a,b,c`), one read each otherwise. A first sync names a dozen
 * or more of them; one request each was a third of a record's requests. Untrusted input: only
 * resources of the type and ids asked for are kept. Framework-free.
 */
import { cutPageWithinDepth } from "../bundle-slices";
import { isRecord, sentResources, toFetched, type FetchedResource } from "./entries";
import type { RecordLimits } from "./limits";
import { readResource } from "./read";
import { getJson, type FetchContext } from "./request";

/** Ids in one `_id` search: about 2 KB of URL at most, which every server accepts. */
export const IDS_PER_SEARCH = 30;

export type ReferencesResult = {
  resources: FetchedResource[];
  /** Ids asked for that did not come back (not found, refused, failed). */
  unread: number;
  /** The `_id` search was refused or not supported: read this type one by one from now on. */
  searchRefused: boolean;
};

/** One `_id` search's answer (`sent`: cutPage's resource texts of the page as received), checked: entries of `type` whose id was asked for, each once; the rest ignored. */
export function checkReferencePage(json: unknown, type: string, ids: ReadonlySet<string>, maxResourceBytes: number, sent?: readonly (string | null)[] | null): FetchedResource[] | null {
  if (!isRecord(json) || json.resourceType !== "Bundle") return null;
  if (json.entry === undefined) return [];
  if (!Array.isArray(json.entry)) return null;
  const texts = sentResources(sent, json.entry);
  const found = new Map<string, FetchedResource>();
  for (let i = 0; i < json.entry.length; i++) {
    const entry: unknown = json.entry[i];
    const resource = isRecord(entry) ? entry.resource : undefined;
    if (!isRecord(resource) || resource.resourceType !== type || typeof resource.id !== "string" || !ids.has(resource.id) || found.has(resource.id)) continue;
    const fetched = toFetched(resource, texts?.[i] ?? null);
    if (fetched && fetched.json.length <= maxResourceBytes) found.set(fetched.fhirId, fetched);
  }
  return [...found.values()];
}

async function readEach(ctx: FetchContext, type: string, ids: string[], limits: RecordLimits): Promise<{ resources: FetchedResource[]; unread: number }> {
  const reads = await Promise.all(ids.map((id) => readResource(ctx, type, id, limits.maxResourceBytes)));
  const resources = reads.flatMap((r) => (r.ok ? [r.resource] : []));
  return { resources, unread: ids.length - resources.length };
}

/**
 * Reads `ids` (valid FHIR ids, at most IDS_PER_SEARCH) of `type`. With `bySearch`, one `_id`
 * search, then a read for each id it did not return; when the server refuses or does not support
 * the search (401/403/400/404/…), a read each. Without, a read each.
 */
export async function readReferences(ctx: FetchContext, type: string, ids: string[], limits: RecordLimits, bySearch: { count: boolean } | null): Promise<ReferencesResult> {
  if (!bySearch || ids.length === 1) return { ...(await readEach(ctx, type, ids, limits)), searchRefused: false };
  const url = new URL(`${ctx.fhirBase.replace(/\/+$/, "")}/${type}`);
  url.searchParams.set("_id", ids.join(","));
  if (bySearch.count) url.searchParams.set("_count", String(ids.length));
  // The page's depth is checked in the walk that cuts its resources' texts, as a search page's is.
  const answer = await getJson(ctx, url.href, limits.maxPageBytes, { nestingCheckedByCaller: true });
  if (!answer.ok) {
    // A failing server (5xx, timeout) is not asked again id by id this pass; a refusal of the search is.
    if (answer.kind === "failed") return { resources: [], unread: ids.length, searchRefused: false };
    return { ...(await readEach(ctx, type, ids, limits)), searchRefused: true };
  }
  const cut = cutPageWithinDepth(answer.text);
  const found = cut && checkReferencePage(answer.json, type, new Set(ids), limits.maxResourceBytes, cut.resources);
  if (!found) return { resources: [], unread: ids.length, searchRefused: false };
  const got = new Set(found.map((r) => r.fhirId));
  const rest = await readEach(ctx, type, ids.filter((id) => !got.has(id)), limits);
  return { resources: [...found, ...rest.resources], unread: rest.unread, searchRefused: false };
}
