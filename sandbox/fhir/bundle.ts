/** Searchset Bundles with absolute `self` and `next` links on the advertised FHIR base. */
import { randomId } from "../util/random";
import type { FhirResource } from "./resource";
import type { SearchQuery } from "./search";
import { PAGE_PARAM } from "./types";

export function searchBundle(
  fhirBase: string,
  type: string,
  search: URLSearchParams,
  all: FhirResource[],
  q: SearchQuery,
  now: number,
): Record<string, unknown> {
  const page = all.slice(q.offset, q.offset + q.count);
  const link = (offset: number) => {
    const params = new URLSearchParams([...search].filter(([k]) => k !== PAGE_PARAM && k !== "_count"));
    params.set("_count", String(q.count));
    if (offset > 0) params.set(PAGE_PARAM, String(offset));
    return `${fhirBase}/${type}?${params}`;
  };
  const links = [{ relation: "self", url: link(q.offset) }];
  if (q.count > 0 && q.offset + q.count < all.length) links.push({ relation: "next", url: link(q.offset + q.count) });
  if (q.count > 0 && q.offset > 0) links.push({ relation: "previous", url: link(Math.max(0, q.offset - q.count)) });
  return {
    resourceType: "Bundle",
    id: randomId(),
    meta: { lastUpdated: new Date(now).toISOString() },
    type: "searchset",
    total: all.length,
    link: links,
    entry: page.map((resource) => ({
      fullUrl: `${fhirBase}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: "match" },
    })),
  };
}
