/** Searchset Bundles with absolute `self`, `next` and `previous` links on the advertised FHIR base, written as text around each resource's stored JSON. */
import type { Served } from "../records/served";
import { randomId } from "../util/random";
import type { SearchQuery } from "./search";
import { PAGE_PARAM } from "./types";

export function searchBundle(fhirBase: string, type: string, search: URLSearchParams, matched: readonly Served[], q: SearchQuery, now: number): string {
  const page = matched.slice(q.offset, q.offset + q.count);
  const link = (offset: number) => {
    const params = new URLSearchParams([...search].filter(([k]) => k !== PAGE_PARAM && k !== "_count"));
    params.set("_count", String(q.count));
    if (offset > 0) params.set(PAGE_PARAM, String(offset));
    return `${fhirBase}/${type}?${params}`;
  };
  const links = [{ relation: "self", url: link(q.offset) }];
  if (q.count > 0 && q.offset + q.count < matched.length) links.push({ relation: "next", url: link(q.offset + q.count) });
  if (q.count > 0 && q.offset > 0) links.push({ relation: "previous", url: link(Math.max(0, q.offset - q.count)) });
  const head = JSON.stringify({
    resourceType: "Bundle",
    id: randomId(),
    meta: { lastUpdated: new Date(now).toISOString() },
    type: "searchset",
    total: matched.length,
    link: links,
  });
  if (page.length === 0) return head;
  const entries = page.map((s) => `{"fullUrl":${JSON.stringify(`${fhirBase}/${s.type}/${s.id}`)},"resource":${s.json},"search":{"mode":"match"}}`);
  return `${head.slice(0, -1)},"entry":[${entries.join(",")}]}`;
}
