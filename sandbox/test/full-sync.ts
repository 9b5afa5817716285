/**
 * A small client that pulls a patient's whole record over HTTP the way the portal should: every patient-level
 * type the CapabilityStatement lists, paged through absolute `next` links, Observation per category where the
 * server requires one, and then each Practitioner, Organization, Location and Medication the record points at.
 */
import { bearer } from "./helpers";

const OBSERVATION_CATEGORIES = ["laboratory", "vital-signs", "social-history", "survey", "exam"];
const REFERENCED = ["Practitioner", "Organization", "Location", "Medication"];
/** Listed by the real S4S proxy, but not part of a US Core record (and empty here). */
const NOT_RECORD = ["Binary", "ExplanationOfBenefit", "ImagingStudy", "MedicationAdministration", "Patient", ...REFERENCED];

export type Resource = Record<string, unknown> & { resourceType: string; id: string };
interface Bundle {
  link?: { relation: string; url: string }[];
  entry?: { resource: Resource }[];
}
interface Capability {
  rest: { resource: { type: string; searchParam?: { name: string; documentation?: string }[] }[] }[];
}

export interface Pulled {
  /** Type → ids, as the sandbox's `/_sandbox/records/<patient>` lists them. */
  held: Record<string, string[]>;
  resources: Resource[];
  requests: number;
}

export async function fullSync(fhirBase: string, token: string, patientId: string): Promise<Pulled> {
  let requests = 0;
  const get = async <T>(url: string): Promise<T> => {
    requests += 1;
    const res = await fetch(url, bearer(token));
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const resources = new Map<string, Resource>();
  const keep = (r: Resource) => resources.set(`${r.resourceType}/${r.id}`, r);
  keep(await get<Resource>(`${fhirBase}/Patient/${patientId}`));
  const capability = await get<Capability>(`${fhirBase}/metadata`);
  for (const { type, searchParam = [] } of capability.rest[0]?.resource ?? []) {
    if (NOT_RECORD.includes(type)) continue;
    // DSTU2 Coverage has no patient element: it is searched by beneficiary (R4 Coverage takes either).
    const by = type === "Coverage" ? "beneficiary" : "patient";
    const required = searchParam.some((p) => p.name === "category" && p.documentation?.startsWith("Required"));
    for (const category of required ? OBSERVATION_CATEGORIES : [undefined]) {
      let url: string | undefined = `${fhirBase}/${type}?${by}=${patientId}${category ? `&category=${category}` : ""}`;
      while (url) {
        const page: Bundle = await get<Bundle>(url);
        for (const e of page.entry ?? []) keep(e.resource);
        url = page.link?.find((l) => l.relation === "next")?.url;
      }
    }
  }
  const pointedAt = new Set<string>();
  for (const r of resources.values()) {
    for (const m of JSON.stringify(r).matchAll(/"reference":"([A-Za-z]+)\/([^"]+)"/g)) if (REFERENCED.includes(m[1]!)) pointedAt.add(`${m[1]}/${m[2]}`);
  }
  for (const ref of pointedAt) keep(await get<Resource>(`${fhirBase}/${ref}`));
  const held: Record<string, string[]> = {};
  for (const r of resources.values()) (held[r.resourceType] ??= []).push(r.id);
  return { held, resources: [...resources.values()], requests };
}

/** Type → sorted ids, to compare two listings whatever their order. */
export function sorted(listing: Record<string, string[]>): Record<string, string[]> {
  const types = Object.keys(listing).sort();
  return Object.fromEntries(types.map((t) => [t, [...(listing[t] ?? [])].sort()]));
}
