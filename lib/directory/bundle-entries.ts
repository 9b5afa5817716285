/**
 * One Bundle entry → what the directory keeps: a brand (User-access Brand, an Organization) or an
 * endpoint (User-access Endpoint), or the plain reason it was skipped. Tolerates the real files'
 * variations: references by fullUrl (urn:uuid), by "Endpoint/<id>" or absolute; brands that only
 * list `endpoint`, or only portals; affiliates that only name their parent (`partOf`); an
 * Organization contained in its Endpoint. Every URL must pass the URL policy. Framework-free.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { checkEndpointUrl, type UrlPolicy } from "../ehr-http/url-policy";
import { zip5 } from "./normalize";

export type EndpointRecord = { type: "endpoint"; key: string; fhirBaseUrl: string; name: string | null; fhirVersion: string | null; contentHash: string };
export type BrandRecord = {
  type: "brand";
  key: string;
  name: string;
  aliases: string[];
  parentKey: string | null;
  places: { city: string | null; state: string | null; postalCode: string | null }[];
  website: string | null;
  portalName: string | null;
  logoUrl: string | null;
  /** Endpoint references (canonical keys) with the portal that lists each, when one does. */
  endpointRefs: { key: string; portalName: string | null }[];
  contentHash: string;
};
export type DirectoryRecord = EndpointRecord | BrandRecord;
export type EntryOutcome = { records: DirectoryRecord[]; skipped: string[] };

const MAX_ALIASES = 20;
const MAX_PLACES = 100;
const MAX_REFS = 50;
const text = (max: number) => z.string().trim().min(1).max(max);
const reference = z.object({ reference: z.string().max(2048).optional() }).loose();
const valueExtension = z.object({ url: z.string(), valueUrl: z.string().optional(), valueString: z.string().optional(), valueCode: z.string().optional(), valueReference: reference.optional() }).loose();
const extensionGroup = z.object({ url: z.string(), extension: z.array(valueExtension).max(200).optional() }).loose();

const organizationSchema = z
  .object({
    resourceType: z.literal("Organization"),
    id: z.string().max(64).optional(),
    active: z.boolean().optional(),
    name: text(300),
    alias: z.array(z.string().max(300)).max(200).optional(),
    partOf: reference.optional(),
    address: z.array(z.object({ city: z.string().max(100).optional(), state: z.string().max(100).optional(), postalCode: z.string().max(20).optional() }).loose()).max(10_000).optional(),
    identifier: z.array(z.object({ system: z.string().max(300).optional(), value: z.string().max(300).optional() }).loose()).max(100).optional(),
    extension: z.array(extensionGroup).max(100).optional(),
    endpoint: z.array(reference).max(1000).optional(),
  })
  .loose();

const endpointSchema = z
  .object({
    resourceType: z.literal("Endpoint"),
    id: z.string().max(64).optional(),
    status: z.string().max(40).optional(),
    name: z.string().max(300).optional(),
    address: z.string().max(2048),
    connectionType: z.object({ code: z.string().max(100).optional() }).loose().optional(),
    extension: z.array(valueExtension).max(100).optional(),
    contained: z.array(z.unknown()).max(20).optional(),
  })
  .loose();

const entrySchema = z.object({ fullUrl: z.string().max(2048).optional(), resource: z.object({ resourceType: z.string().max(64) }).loose() }).loose();

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const TYPED_REFERENCE = /(?:^|\/)(Endpoint|Organization)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;
const BRAND_EXTENSION = "http://hl7.org/fhir/StructureDefinition/organization-brand";
const PORTAL_EXTENSION = "http://hl7.org/fhir/StructureDefinition/organization-portal";
const FHIR_VERSION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/endpoint-fhir-version";
const INACTIVE_ENDPOINT = new Set(["suspended", "error", "off", "entered-in-error", "test"]);

/** The key an entry is known by: a urn fullUrl as it is, else "<Type>/<id>", else the fullUrl. */
export function entryKey(type: "Endpoint" | "Organization", fullUrl: string | undefined, id: string | undefined): string | null {
  if (fullUrl?.startsWith("urn:")) return fullUrl;
  if (id && FHIR_ID.test(id)) return `${type}/${id}`;
  const typed = fullUrl ? TYPED_REFERENCE.exec(fullUrl) : null;
  if (typed) return `${typed[1]}/${typed[2]}`;
  return fullUrl ?? null;
}

/** A reference in the same canonical form as entryKey: "urn:…", or "<Type>/<id>" (relative or absolute). */
export function referenceKey(ref: string | undefined): string | null {
  if (!ref) return null;
  if (ref.startsWith("urn:")) return ref;
  if (ref.startsWith("#")) return ref;
  const typed = TYPED_REFERENCE.exec(ref);
  return typed ? `${typed[1]}/${typed[2]}` : null;
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 32);
const clean = (value: string | undefined, max: number) => {
  const trimmed = value?.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

/** Reads one entry's JSON text. Never throws: a bad entry becomes a reason to count. */
export function readEntry(json: string, policy: UrlPolicy): EntryOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { records: [], skipped: ["entry is not valid JSON"] };
  }
  const entry = entrySchema.safeParse(raw);
  if (!entry.success) return { records: [], skipped: ["entry has no resource"] };
  const { fullUrl, resource } = entry.data;
  if (resource.resourceType === "Organization") return brandFrom(resource, fullUrl);
  if (resource.resourceType === "Endpoint") return endpointFrom(resource, fullUrl, policy);
  return { records: [], skipped: [`${resource.resourceType.slice(0, 40)} is neither an Organization nor an Endpoint`] };
}

function endpointFrom(resource: unknown, fullUrl: string | undefined, policy: UrlPolicy): EntryOutcome {
  const parsed = endpointSchema.safeParse(resource);
  if (!parsed.success) return { records: [], skipped: ["endpoint without a valid address"] };
  const e = parsed.data;
  const key = entryKey("Endpoint", fullUrl, e.id);
  if (!key) return { records: [], skipped: ["endpoint without an id or fullUrl"] };
  if (e.status && INACTIVE_ENDPOINT.has(e.status)) return { records: [], skipped: [`endpoint status is ${e.status}`] };
  if (e.connectionType?.code && e.connectionType.code !== "hl7-fhir-rest") return { records: [], skipped: ["endpoint is not a FHIR REST API"] };
  const checked = checkEndpointUrl(e.address.trim(), policy, "endpoint address");
  if (!checked.ok) return { records: [], skipped: [refusalReason(checked.error.kind === "url-policy" ? checked.error.problem : "")] };
  if (checked.value.search !== "") return { records: [], skipped: ["endpoint address has a query"] };
  const fhirBaseUrl = checked.value.href.replace(/\/+$/, "");
  const fhirVersion = clean(e.extension?.find((x) => x.url === FHIR_VERSION_EXTENSION)?.valueCode, 20);
  const fields = { fhirBaseUrl, name: clean(e.name, 300), fhirVersion };
  const endpoint: EndpointRecord = { type: "endpoint", key, ...fields, contentHash: hash(fields) };
  const records: DirectoryRecord[] = [endpoint];
  const skipped: string[] = [];
  for (const contained of e.contained ?? []) {
    const inner = brandFrom(contained, undefined, key);
    records.push(...inner.records);
    skipped.push(...inner.skipped);
  }
  return { records, skipped };
}

/** The URL policy's problem, without the address (a reason is counted, so it must be generic). */
function refusalReason(problem: string): string {
  if (/user name or password/.test(problem)) return "endpoint address contains a password";
  if (/uses the scheme|not a valid/.test(problem)) return "endpoint address is not an allowed web address";
  if (/must use https/.test(problem)) return "endpoint address is not https";
  if (/metadata/.test(problem)) return "endpoint address points at a cloud metadata service";
  if (/this machine|loopback/.test(problem)) return "endpoint address points at this machine";
  if (/points at a/.test(problem)) return "endpoint address points at a private or reserved address";
  return "endpoint address is not an allowed web address";
}

function brandFrom(resource: unknown, fullUrl: string | undefined, containedIn?: string): EntryOutcome {
  const parsed = organizationSchema.safeParse(resource);
  if (!parsed.success) {
    const named = z.object({ name: text(300) }).loose().safeParse(resource).success;
    return { records: [], skipped: [named ? "organization has fields of the wrong kind" : "organization without a name"] };
  }
  const o = parsed.data;
  if (o.active === false) return { records: [], skipped: ["organization is marked inactive"] };
  const key = containedIn ? `${containedIn}#${o.id ?? "org"}` : entryKey("Organization", fullUrl, o.id);
  if (!key) return { records: [], skipped: ["organization without an id or fullUrl"] };
  const brandExtension = o.extension?.find((x) => x.url === BRAND_EXTENSION)?.extension ?? [];
  const portals = (o.extension ?? []).filter((x) => x.url === PORTAL_EXTENSION);
  const endpointRefs: BrandRecord["endpointRefs"] = [];
  const addRef = (ref: string | undefined, portalName: string | null) => {
    const refKey = referenceKey(ref);
    if (refKey && !endpointRefs.some((r) => r.key === refKey) && endpointRefs.length < MAX_REFS) endpointRefs.push({ key: refKey, portalName });
  };
  let portalName: string | null = null;
  let portalLogo: string | undefined;
  for (const portal of portals) {
    const name = clean(portal.extension?.find((x) => x.url === "portalName")?.valueString, 200);
    portalName ??= name;
    portalLogo ??= portal.extension?.find((x) => x.url === "portalLogo")?.valueUrl;
    for (const x of portal.extension ?? []) if (x.url === "portalEndpoint") addRef(x.valueReference?.reference, name);
  }
  for (const ref of o.endpoint ?? []) addRef(ref.reference, null);
  if (containedIn) addRef(containedIn, null);
  const places: BrandRecord["places"] = [];
  for (const a of o.address ?? []) {
    const place = { city: clean(a.city, 100), state: clean(a.state, 100), postalCode: zip5(a.postalCode) };
    if ((place.city || place.state || place.postalCode) && !places.some((p) => p.city === place.city && p.state === place.state && p.postalCode === place.postalCode)) places.push(place);
    if (places.length >= MAX_PLACES) break;
  }
  const website = websiteOf(o.identifier);
  const logoUrl = brandExtension.find((x) => x.url === "brandLogo")?.valueUrl ?? portalLogo;
  const fields = {
    name: clean(o.name, 300)!,
    aliases: (o.alias ?? []).map((a) => clean(a, 200)).filter((a): a is string => a !== null).slice(0, MAX_ALIASES),
    parentKey: referenceKey(o.partOf?.reference),
    places,
    website,
    portalName,
    logoUrl: logoUrl && logoUrl.length <= 1_500_000 ? logoUrl.trim() : null,
    endpointRefs,
  };
  return { records: [{ type: "brand", key, ...fields, contentHash: hash(fields) }], skipped: [] };
}

/**
 * The brand's identifier as the specification recommends it (system urn:ietf:rfc:3986, value its
 * https web address), as a host: publishers use it so apps can merge one brand published twice.
 */
function websiteOf(identifiers: { system?: string; value?: string }[] | undefined): string | null {
  for (const { system, value } of identifiers ?? []) {
    if (system !== "urn:ietf:rfc:3986") continue;
    if (!value || !/^https?:\/\//i.test(value) || !URL.canParse(value)) continue;
    return new URL(value).hostname.toLowerCase().replace(/^www\./, "");
  }
  return null;
}
