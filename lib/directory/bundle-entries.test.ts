import { describe, expect, it } from "vitest";
import { STRICT_URL_POLICY } from "../ehr-http/url-policy";
import { entryKey, readEntry, referenceKey, type BrandRecord, type EndpointRecord } from "./bundle-entries";

const read = (entry: object, policy = STRICT_URL_POLICY) => readEntry(JSON.stringify(entry), policy);
const endpoint = (address: string, extra: object = {}) => ({ fullUrl: "https://ehr.example.org/Endpoint/ep1", resource: { resourceType: "Endpoint", id: "ep1", status: "active", address, connectionType: { code: "hl7-fhir-rest" }, ...extra } });

describe("reading User-access Brands entries", () => {
  it("reads a brand as the specification's annotated example publishes it", () => {
    const outcome = read({
      fullUrl: "https://ehr.example.org/Organization/good-health",
      resource: {
        resourceType: "Organization",
        id: "good-health",
        name: "Good Health",
        alias: ["Goodie Bag Health"],
        active: true,
        identifier: [{ system: "urn:ietf:rfc:3986", value: "https://www.goodhealth.example.org" }],
        extension: [
          { url: "http://hl7.org/fhir/StructureDefinition/organization-brand", extension: [{ url: "brandLogo", valueUrl: "https://goodhealth.example.org/images/logo.svg" }] },
          { url: "http://hl7.org/fhir/StructureDefinition/organization-portal", extension: [{ url: "portalName", valueString: "GoodHealthCentral" }, { url: "portalEndpoint", valueReference: { reference: "Endpoint/goodhealth-r4" } }, { url: "portalEndpoint", valueReference: { reference: "Endpoint/goodhealth-r2" } }] },
        ],
        address: [{ city: "Boston", state: "MA", postalCode: "02111-1234", country: "US" }, { postalCode: "02139", country: "US" }],
        endpoint: [{ reference: "Endpoint/goodhealth-r2" }, { reference: "Endpoint/goodhealth-r4" }],
      },
    });
    expect(outcome.skipped).toEqual([]);
    const brand = outcome.records[0] as BrandRecord;
    expect(brand).toMatchObject({
      type: "brand",
      key: "Organization/good-health",
      name: "Good Health",
      aliases: ["Goodie Bag Health"],
      website: "goodhealth.example.org",
      portalName: "GoodHealthCentral",
      logoUrl: "https://goodhealth.example.org/images/logo.svg",
      places: [{ city: "Boston", state: "MA", postalCode: "02111" }, { city: null, state: null, postalCode: "02139" }],
      endpointRefs: [{ key: "Endpoint/goodhealth-r4", portalName: "GoodHealthCentral" }, { key: "Endpoint/goodhealth-r2", portalName: "GoodHealthCentral" }],
    });
  });

  it("keys entries the way references name them: urn:uuid fullUrls as they are, else Type/id", () => {
    expect(entryKey("Endpoint", "urn:uuid:5d0b", "x")).toBe("urn:uuid:5d0b");
    expect(entryKey("Endpoint", "https://fhir-myrecord.cerner.com/Endpoint/-KzI", "-KzI")).toBe("Endpoint/-KzI");
    expect(entryKey("Organization", "https://x.org/fhir/Organization/o1", undefined)).toBe("Organization/o1");
    expect(referenceKey("Endpoint/-KzI")).toBe("Endpoint/-KzI");
    expect(referenceKey("https://fhir-myrecord.cerner.com/Endpoint/-KzI")).toBe("Endpoint/-KzI");
    expect(referenceKey("urn:uuid:5d0b")).toBe("urn:uuid:5d0b");
    expect(referenceKey("javascript:alert(1)")).toBeNull();
  });

  it("reads an endpoint (FHIR base without the trailing slash, its FHIR version)", () => {
    const outcome = read(endpoint("https://fhir.example.org/r4/", { extension: [{ url: "http://hl7.org/fhir/StructureDefinition/endpoint-fhir-version", valueCode: "4.0.1" }] }));
    expect(outcome.records[0] as EndpointRecord).toMatchObject({ key: "Endpoint/ep1", fhirBaseUrl: "https://fhir.example.org/r4", fhirVersion: "4.0.1" });
  });

  it.each([
    ["http://fhir.example.org/r4", "endpoint address is not https"],
    ["https://10.0.0.5/fhir", "endpoint address points at a private or reserved address"],
    ["https://169.254.169.254/latest/meta-data", "endpoint address points at a cloud metadata service"],
    ["https://[fd00::1]/fhir", "endpoint address points at a private or reserved address"],
    ["https://metadata.google.internal/fhir", "endpoint address points at a cloud metadata service"],
    ["https://127.0.0.1/fhir", "endpoint address points at this machine"],
    ["https://user:pw@fhir.example.org/r4", "endpoint address contains a password"],
    ["javascript:alert(1)", "endpoint address is not an allowed web address"],
    ["https://fhir.example.org/r4?x=1", "endpoint address has a query"],
  ])("refuses the endpoint address %s under the production policy, with a reason to count", (address, reason) => {
    expect(read(endpoint(address))).toEqual({ records: [], skipped: [reason] });
  });

  it.each([
    [{ resource: { resourceType: "Organization", id: "o" } }, "organization without a name"],
    [{ resource: { resourceType: "Organization", id: "o", name: "X", active: false } }, "organization is marked inactive"],
    [{ resource: { resourceType: "Organization", id: "o", name: "X", alias: "not a list" } }, "organization has fields of the wrong kind"],
    [{ resource: { resourceType: "Endpoint", id: "e", status: "off", address: "https://x.org/fhir" } }, "endpoint status is off"],
    [{ resource: { resourceType: "Endpoint", id: "e", address: "https://x.org/fhir", connectionType: { code: "direct-project" } } }, "endpoint is not a FHIR REST API"],
    [{ resource: { resourceType: "Patient", id: "p" } }, "Patient is neither an Organization nor an Endpoint"],
    [{ notAResource: true }, "entry has no resource"],
  ])("skips a bad entry with its reason (%#)", (entry, reason) => {
    expect(read(entry).skipped).toEqual([reason]);
  });

  it("reads an Organization contained in its Endpoint as a brand of that endpoint", () => {
    const outcome = read(endpoint("https://fhir.example.org/r4", { contained: [{ resourceType: "Organization", id: "org", name: "Inline Clinic" }] }));
    expect(outcome.records.map((r) => r.type)).toEqual(["endpoint", "brand"]);
    expect((outcome.records[1] as BrandRecord).endpointRefs).toEqual([{ key: "Endpoint/ep1", portalName: null }]);
  });

  it("never throws on text that is not JSON", () => {
    expect(readEntry("{not json", STRICT_URL_POLICY)).toEqual({ records: [], skipped: ["entry is not valid JSON"] });
  });
});
