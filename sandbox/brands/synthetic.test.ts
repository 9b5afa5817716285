import { describe, expect, it } from "vitest";
import { STRICT_URL_POLICY } from "../../lib/ehr-http/url-policy";
import { readEntry, type BrandRecord } from "../../lib/directory/bundle-entries";
import { checkLogo, decodeDataUrl } from "../../lib/directory/logo-check";
import { brandsBundle } from "./routes";
import { syntheticBundle } from "./synthetic";

const text = (options: Parameters<typeof syntheticBundle>[0]) => [...syntheticBundle(options)].join("");

describe("synthetic User-access Brands bundles", () => {
  it("are deterministic: the same size and seed give the same bytes, another seed others", () => {
    expect(text({ brands: 200, seed: 7 })).toBe(text({ brands: 200, seed: 7 }));
    expect(text({ brands: 200, seed: 8 })).not.toBe(text({ brands: 200, seed: 7 }));
  });

  it("hold N brands with US places, aliases, shared endpoints and logos; the first five point at the sandbox", () => {
    const bundle = JSON.parse(text({ brands: 400, sandboxUrl: "http://localhost:9123" }));
    const orgs = bundle.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === "Organization");
    const endpoints = bundle.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === "Endpoint");
    expect(orgs).toHaveLength(400);
    expect(endpoints.length).toBeLessThan(400); // affiliates share their system's endpoint
    expect(orgs.slice(0, 5).map((o: { resource: { name: string } }) => o.resource.name)).toContain("Sandbox General Hospital");
    expect(endpoints.slice(0, 2).map((e: { resource: { address: string } }) => e.resource.address)).toEqual(["http://localhost:9123/api/fhir", "http://localhost:9123/v2/fhir"]);
    const brands = orgs.map((o: object) => readEntry(JSON.stringify(o), { allowHttpLoopback: true, allowPrivateNetworks: false }).records[0] as BrandRecord);
    expect(brands.every((b: BrandRecord) => b && b.places.length > 0 && /^\d{5}$/.test(b.places[0]!.postalCode ?? ""))).toBe(true);
    expect(brands.filter((b: BrandRecord) => b.aliases.length > 0).length).toBeGreaterThan(50);
    expect(brands.filter((b: BrandRecord) => b.parentKey).length).toBeGreaterThan(100);
    const dataLogo = brands.find((b: BrandRecord) => b.logoUrl?.startsWith("data:"))!.logoUrl!;
    const decoded = decodeDataUrl(dataLogo, 262_144) as { bytes: Uint8Array };
    expect(checkLogo(decoded.bytes, 262_144)).toMatchObject({ ok: true, contentType: "image/svg+xml" });
  });

  it("the sandbox's /brands.json: two brands, one per profile, each with its endpoint, readable under the URL policy", () => {
    const bundle = brandsBundle({ url: "https://sandbox.example.org", s4sFhirBase: "https://sandbox.example.org/api/fhir", v2FhirBase: "https://sandbox.example.org/v2/fhir" });
    const records = bundle.entry.flatMap((e) => readEntry(JSON.stringify(e), STRICT_URL_POLICY).records);
    expect(records.filter((r) => r.type === "brand").map((r) => (r as BrandRecord).name)).toEqual(["S4S Sandbox Hospital", "SMART v2 Sandbox Clinic"]);
    expect(records.filter((r) => r.type === "endpoint").map((r) => ("fhirBaseUrl" in r ? r.fhirBaseUrl : ""))).toEqual(["https://sandbox.example.org/api/fhir", "https://sandbox.example.org/v2/fhir"]);
  });
});
