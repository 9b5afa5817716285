/**
 * A deterministic synthetic User-access Brands bundle of N brands (npm run directory:generate):
 * realistic made-up names, real US cities and ZIP codes, aliases, parent systems whose affiliates
 * share their endpoint, logos (data: URLs and sandbox URLs), and a handful of brands whose
 * endpoints are the sandbox's two profiles, so a participant can really connect through them.
 * Yields the JSON text in pieces, so 50,000 brands never sit in memory at once.
 */
import { COLORS, KINDS, REGIONS, SAINTS, SURNAMES } from "./names";
import { US_PLACES } from "./us-places";

export type SyntheticOptions = { brands: number; seed?: number; sandboxUrl?: string; timestamp?: string };

const BASE = "https://directory.example.org/fhir";
const FHIR_VERSION = "http://hl7.org/fhir/StructureDefinition/endpoint-fhir-version";

/** The brands that point at the sandbox (the first five of every generated bundle). */
export const SANDBOX_BRANDS = [
  { name: "Sandbox General Hospital", profile: "s4s", city: 0 },
  { name: "Sandbox SMART Health", profile: "v2", city: 1 },
  { name: "Lakeside Sandbox Clinic", profile: "s4s", city: 2 },
  { name: "Prairie Sandbox Children's Hospital", profile: "parent", city: 3 },
  { name: "Sandbox Twin Portals Medical Center", profile: "both", city: 4 },
] as const;
const SANDBOX_CITIES: [string, string, string][] = [["Boston", "MA", "02115"], ["Madison", "WI", "53792"], ["Madison", "WI", "53703"], ["Rochester", "MN", "55905"], ["Tulsa", "OK", "74104"]];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A simple SVG logo: the brand's initials on a coloured square (what the sandbox also serves). */
export function initialsSvg(initials: string, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${color}"/><text x="32" y="41" font-family="sans-serif" font-size="26" font-weight="700" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
}

const initialsOf = (name: string) => name.replace(/[^A-Za-z ]/g, "").split(" ").filter((w) => w.length > 2 || /^[A-Z]/.test(w)).slice(0, 2).map((w) => w[0]!.toUpperCase()).join("") || "H";

type Brand = { id: string; name: string; aliases: string[]; partOf?: string; places: [string, string, string][]; endpoints: { id: string; portal: string }[]; logo?: string; website: string };
type Endpoint = { id: string; address: string; name: string; version: string };

export function* syntheticBundle(options: SyntheticOptions): Generator<string> {
  const rng = mulberry32(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const sandbox = (options.sandboxUrl ?? "http://localhost:9000").replace(/\/+$/, "");
  yield `{"resourceType":"Bundle","id":"synthetic-${options.brands}","type":"collection","timestamp":"${options.timestamp ?? "2026-01-01T00:00:00Z"}","entry":[`;
  let first = true;
  const emit = (type: "Organization" | "Endpoint", resource: object) => {
    const piece = `${first ? "" : ","}{"fullUrl":"${BASE}/${type}/${(resource as { id: string }).id}","resource":${JSON.stringify(resource)}}`;
    first = false;
    return piece;
  };
  const endpoint = (e: Endpoint) =>
    emit("Endpoint", {
      resourceType: "Endpoint", id: e.id, status: "active", name: e.name, address: e.address,
      connectionType: { system: "http://terminology.hl7.org/CodeSystem/endpoint-connection-type", code: "hl7-fhir-rest" },
      payloadType: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/endpoint-payload-type", code: "none" }] }],
      extension: [{ url: FHIR_VERSION, valueCode: e.version }],
    });
  const slug = (name: string, i: number) => `${name.toLowerCase().normalize("NFKD").replace(/\p{M}+/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40)}-${i}`;

  // The sandbox's brands: two endpoints (one per profile), shared, inherited, and a brand with both.
  const s4s: Endpoint = { id: "sandbox-s4s", address: `${sandbox}/api/fhir`, name: "Sandbox S4S (DSTU2)", version: "1.0.2" };
  const v2: Endpoint = { id: "sandbox-v2", address: `${sandbox}/v2/fhir`, name: "Sandbox SMART v2 (R4)", version: "4.0.1" };
  yield endpoint(s4s);
  yield endpoint(v2);
  for (const [i, b] of SANDBOX_BRANDS.entries()) {
    const endpoints = b.profile === "s4s" ? [{ id: s4s.id, portal: "Sandbox MyChart" }] : b.profile === "v2" ? [{ id: v2.id, portal: "Sandbox Patient Portal" }] : b.profile === "both" ? [{ id: s4s.id, portal: "Adult patients" }, { id: v2.id, portal: "Children's patients" }] : [];
    yield emit("Organization", organization({ id: `sandbox-${i}`, name: b.name, aliases: i === 0 ? ["SGH", "Sandbox General"] : [], places: [SANDBOX_CITIES[b.city]!], endpoints, website: `https://${slug(b.name, i)}.example.org`, logo: `${sandbox}/directory/logos/${i}.svg`, ...(b.profile === "parent" && { partOf: "sandbox-1" }) }));
  }

  let parent: Brand | null = null;
  for (let i = SANDBOX_BRANDS.length; i < options.brands; i++) {
    const place = pick(US_PLACES);
    const zip = String(Number(place[2]) + Math.floor(rng() * 20)).padStart(5, "0");
    const [city, state] = place;
    const group = Math.floor(i / 8);
    const isParent = i % 8 === 0 || !parent;
    const region = REGIONS[group % REGIONS.length]!;
    let name: string;
    const style = rng();
    if (isParent) name = `${region} ${pick(["Health", "Health System", "Healthcare", "Medical Group"])}${group >= REGIONS.length ? ` ${city}` : ""}`;
    else if (style < 0.3) name = `${city} ${pick(KINDS)}`;
    else if (style < 0.5) name = `${rng() < 0.7 ? "St." : "Saint"} ${pick(SAINTS)} ${pick(KINDS)}${rng() < 0.5 ? ` ${city}` : ""}`;
    else if (style < 0.75) name = `${pick(SURNAMES)} ${pick(KINDS)}`;
    else name = `${region} ${pick(KINDS)} ${city}`;
    const aliases: string[] = [];
    if (rng() < 0.3) aliases.push(`${region} ${city}`);
    if (rng() < 0.1) aliases.push(`${pick(SURNAMES)} & ${pick(SURNAMES)} ${pick(KINDS)}`);
    const places: [string, string, string][] = [[city, state, zip]];
    for (let extra = rng() < 0.25 ? 1 + Math.floor(rng() * 2) : 0; extra > 0; extra--) {
      const p = pick(US_PLACES);
      places.push([p[0], p[1], p[2]]);
    }
    const brand: Brand = { id: `org-${i}`, name, aliases, places, endpoints: [], website: `https://${slug(name, i)}.example.org` };
    const share = rng();
    const own: Endpoint[] = [];
    if (isParent || share >= 0.5) {
      own.push({ id: `ep-${i}`, address: `https://fhir.${slug(name, i)}.example.org/api/FHIR/R4`, name: `${name} FHIR R4`, version: "4.0.1" });
      if (i % 37 === 0) own.push({ id: `ep-${i}-peds`, address: `https://peds.${slug(name, i)}.example.org/fhir/r4`, name: `${name} Pediatrics FHIR R4`, version: "4.0.1" });
      brand.endpoints = own.map((e, k) => ({ id: e.id, portal: k === 0 ? `My${region.replace(/[^A-Za-z]/g, "")} Portal` : "Pediatric portal" }));
    }
    if (!isParent && share < 0.8) brand.partOf = parent!.id;
    const logo = rng();
    if (logo < 0.4) brand.logo = `data:image/svg+xml;base64,${Buffer.from(initialsSvg(initialsOf(name), pick(COLORS))).toString("base64")}`;
    else if (logo < 0.45) brand.logo = `${sandbox}/directory/logos/${i % 20}.svg`;
    if (isParent) parent = brand;
    for (const e of own) yield endpoint(e);
    yield emit("Organization", organization(brand));
  }
  yield "]}\n";
}

function organization(b: Brand) {
  return {
    resourceType: "Organization",
    id: b.id,
    active: true,
    extension: [
      ...(b.logo ? [{ url: "http://hl7.org/fhir/StructureDefinition/organization-brand", extension: [{ url: "brandLogo", valueUrl: b.logo }] }] : []),
      ...(b.endpoints.length
        ? [{ url: "http://hl7.org/fhir/StructureDefinition/organization-portal", extension: [{ url: "portalName", valueString: b.endpoints[0]!.portal }, ...b.endpoints.slice(0, 1).map((e) => ({ url: "portalEndpoint", valueReference: { reference: `Endpoint/${e.id}` } }))] },
           ...b.endpoints.slice(1).map((e) => ({ url: "http://hl7.org/fhir/StructureDefinition/organization-portal", extension: [{ url: "portalName", valueString: e.portal }, { url: "portalEndpoint", valueReference: { reference: `Endpoint/${e.id}` } }] }))]
        : []),
    ],
    identifier: [{ system: "urn:ietf:rfc:3986", value: b.website }],
    type: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/organization-type", code: "prov" }] }],
    name: b.name,
    ...(b.aliases.length && { alias: b.aliases }),
    telecom: [{ system: "url", value: b.website.replace("https://", "https://www.") }],
    address: b.places.map(([city, state, postalCode]) => ({ line: ["100 Main Street"], city, state, postalCode, country: "US" })),
    ...(b.partOf && { partOf: { reference: `Organization/${b.partOf}` } }),
    ...(b.endpoints.length && { endpoint: b.endpoints.map((e) => ({ reference: `Endpoint/${e.id}` })) }),
  };
}
