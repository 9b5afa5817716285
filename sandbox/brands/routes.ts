/**
 * The sandbox as a vendor's User-access Brands publisher: `/brands.json` is a Brands bundle with
 * two brands, one per profile (each with its portal, address, logo and endpoint), and
 * `/directory/logos/<n>.svg` serves simple logos (those and the synthetic bundles' sandbox logos).
 */
import { Hono } from "hono";
import type { AppEnv, Deps } from "../deps";
import { COLORS } from "./names";
import { initialsSvg } from "./synthetic";

const FHIR_VERSION = "http://hl7.org/fhir/StructureDefinition/endpoint-fhir-version";
const BRAND = "http://hl7.org/fhir/StructureDefinition/organization-brand";
const PORTAL = "http://hl7.org/fhir/StructureDefinition/organization-portal";

export function brandsBundle(config: { url: string; s4sFhirBase: string; v2FhirBase: string }) {
  const brands = [
    { id: "s4s-hospital", name: "S4S Sandbox Hospital", alias: "Sync for Science Hospital", portal: "S4S Sandbox Portal", endpoint: "s4s", address: config.s4sFhirBase, version: "1.0.2", city: "Boston", state: "MA", zip: "02115", logo: 0 },
    { id: "smart-v2-clinic", name: "SMART v2 Sandbox Clinic", alias: "Sandbox Health Clinic", portal: "SMART Sandbox MyChart", endpoint: "smart-v2", address: config.v2FhirBase, version: "4.0.1", city: "Madison", state: "WI", zip: "53703", logo: 1 },
  ];
  return {
    resourceType: "Bundle",
    id: "sandbox-brands",
    type: "collection",
    timestamp: "2026-01-01T00:00:00Z",
    entry: brands.flatMap((b) => [
      {
        fullUrl: `${config.url}/fhir/Organization/${b.id}`,
        resource: {
          resourceType: "Organization",
          id: b.id,
          active: true,
          name: b.name,
          alias: [b.alias],
          identifier: [{ system: "urn:ietf:rfc:3986", value: `https://${b.id}.sandbox.example.org` }],
          telecom: [{ system: "url", value: `https://${b.id}.sandbox.example.org` }],
          address: [{ city: b.city, state: b.state, postalCode: b.zip, country: "US" }],
          extension: [
            { url: BRAND, extension: [{ url: "brandLogo", valueUrl: `${config.url}/directory/logos/${b.logo}.svg` }] },
            { url: PORTAL, extension: [{ url: "portalName", valueString: b.portal }, { url: "portalUrl", valueUrl: `${config.url}/login` }, { url: "portalEndpoint", valueReference: { reference: `Endpoint/${b.endpoint}` } }] },
          ],
          endpoint: [{ reference: `Endpoint/${b.endpoint}` }],
        },
      },
      {
        fullUrl: `${config.url}/fhir/Endpoint/${b.endpoint}`,
        resource: {
          resourceType: "Endpoint",
          id: b.endpoint,
          status: "active",
          name: `${b.name} FHIR API`,
          address: b.address,
          connectionType: { system: "http://terminology.hl7.org/CodeSystem/endpoint-connection-type", code: "hl7-fhir-rest" },
          payloadType: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/endpoint-payload-type", code: "none" }] }],
          extension: [{ url: FHIR_VERSION, valueCode: b.version }],
        },
      },
    ]),
  };
}

export function brandsRoutes({ config }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/brands.json", (c) => {
    c.header("access-control-allow-origin", "*");
    c.header("etag", 'W/"sandbox-brands-1"');
    return c.json(brandsBundle(config));
  });
  app.get("/directory/logos/:file", (c) => {
    const match = /^(\d{1,3})\.svg$/.exec(c.req.param("file"));
    if (!match) return c.json({ error: "not_found", error_description: "No such logo." }, 404);
    const n = Number(match[1]);
    const letters = String.fromCharCode(65 + (n % 26)) + String.fromCharCode(65 + ((n * 7 + 3) % 26));
    c.header("content-type", "image/svg+xml");
    c.header("cache-control", "public, max-age=3600");
    return c.body(initialsSvg(letters, COLORS[n % COLORS.length]!));
  });
  return app;
}
