import { describe, expect, it } from "vitest";
import { discover } from "./discovery";
import { fakeEhr, fixtureJson, fixtureText, json, publicLookup, type Route } from "./fixtures/fake-ehr";
import type { UrlPolicy } from "../ehr-http/url-policy";

const S4S = "https://portal.demo.syncfor.science/api/fhir";
const V2 = "https://ehr.example.org/fhir";
const R4 = "https://r4.example.org/api/FHIR/R4";
const options = { lookup: publicLookup, timeoutMs: 200 };

const s4sRoutes: Record<string, Route> = {
  [`${S4S}/.well-known/smart-configuration`]: () =>
    new Response(fixtureText("s4s/well-known-401.html"), { status: 401, headers: { "Content-Type": "text/html" } }),
  [`${S4S}/metadata`]: () => json(fixtureJson("s4s/conformance-dstu2.json")),
};

describe("discover: recorded servers", () => {
  it("S4S: 401 at .well-known, then the DSTU2 Conformance oauth-uris extension", async () => {
    const ehr = fakeEhr(s4sRoutes);
    const result = await discover(`${S4S}/`, { ...options, fetch: ehr.fetch });
    expect(result).toEqual({
      ok: true,
      value: {
        fhirBaseUrl: S4S,
        authorizationEndpoint: "https://portal.demo.syncfor.science/oauth/authorize",
        tokenEndpoint: "https://portal.demo.syncfor.science/oauth/token",
        registrationEndpoint: "https://portal.demo.syncfor.science/oauth/register",
        manageEndpoint: "https://portal.demo.syncfor.science/apps",
        capabilities: [],
        codeChallengeMethods: [],
        scopesSupported: [],
        tokenEndpointAuthMethods: [],
        grantTypes: [],
        source: "capability-statement",
        fhirVersion: "1.0.2",
      },
    });
    expect(ehr.requests.map((r) => r.url)).toEqual([`${S4S}/.well-known/smart-configuration`, `${S4S}/metadata`]);
    expect(ehr.requests[1]?.headers.get("accept")).toContain("application/json+fhir");
  });

  it("SMART v2: uses .well-known/smart-configuration for the endpoints, and metadata only for the FHIR version", async () => {
    const ehr = fakeEhr({
      [`${V2}/.well-known/smart-configuration`]: () => json(fixtureJson("smart-v2/smart-configuration.json")),
      [`${V2}/metadata`]: () => json({ resourceType: "CapabilityStatement", fhirVersion: "4.0.1", rest: [] }),
    });
    const result = await discover(V2, { ...options, fetch: ehr.fetch });
    expect(result).toMatchObject({
      ok: true,
      value: {
        fhirBaseUrl: V2,
        issuer: "https://ehr.example.org/auth",
        authorizationEndpoint: "https://ehr.example.org/auth/authorize",
        tokenEndpoint: "https://ehr.example.org/auth/token",
        registrationEndpoint: "https://ehr.example.org/auth/register",
        revocationEndpoint: "https://ehr.example.org/auth/revoke",
        introspectionEndpoint: "https://ehr.example.org/auth/introspect",
        manageEndpoint: "https://ehr.example.org/apps",
        codeChallengeMethods: ["S256"],
        tokenEndpointAuthMethods: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
        grantTypes: ["authorization_code", "refresh_token"],
        source: "smart-configuration",
        // Was missing for every server found through .well-known: staff saw "unknown version".
        fhirVersion: "4.0.1",
      },
    });
    expect(result.ok && result.value.capabilities).toContain("permission-v2");
    expect(ehr.requests.map((r) => r.url)).toEqual([`${V2}/.well-known/smart-configuration`, `${V2}/metadata`]);
  });

  it.each([
    ["metadata answers 404", () => new Response("no", { status: 404 })],
    ["metadata is not a CapabilityStatement", () => json({ resourceType: "Patient", fhirVersion: "4.0.1" })],
    ["fhirVersion is hostile", () => json({ resourceType: "CapabilityStatement", fhirVersion: "<script>" })],
  ])("SMART v2: discovery still succeeds, without a version, when %s", async (_, metadata) => {
    const ehr = fakeEhr({ [`${V2}/.well-known/smart-configuration`]: () => json(fixtureJson("smart-v2/smart-configuration.json")), [`${V2}/metadata`]: metadata });
    const result = await discover(V2, { ...options, fetch: ehr.fetch });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.fhirVersion).toBeUndefined();
  });

  it("R4: relative oauth-uris resolve against the FHIR base; capabilities are read", async () => {
    const ehr = fakeEhr({ [`${R4}/metadata`]: () => json(fixtureJson("r4/capability-statement-relative.json")) });
    const result = await discover(R4, { ...options, fetch: ehr.fetch });
    expect(result).toMatchObject({
      ok: true,
      value: {
        authorizationEndpoint: `${R4}/auth/authorize`,
        tokenEndpoint: "https://r4.example.org/oauth2/token",
        revocationEndpoint: `${R4}/auth/revoke`,
        capabilities: ["launch-standalone", "permission-v2"],
        fhirVersion: "4.0.1",
        source: "capability-statement",
      },
    });
  });

  it("the local sandbox over http://localhost in development", async () => {
    const base = "http://localhost:9000/api/fhir";
    const conformance = JSON.stringify(fixtureJson("s4s/conformance-dstu2.json")).replaceAll("https://portal.demo.syncfor.science", "http://localhost:9000");
    const ehr = fakeEhr({ [`${base}/metadata`]: () => new Response(conformance) });
    const dev: UrlPolicy = { allowHttpLoopback: true, allowPrivateNetworks: false };
    const lookup = async () => [{ address: "127.0.0.1", family: 4 }];
    const result = await discover(base, { fetch: ehr.fetch, policy: dev, lookup });
    expect(result.ok && result.value.tokenEndpoint).toBe("http://localhost:9000/oauth/token");
    const strict = await discover(base, { fetch: ehr.fetch, lookup });
    expect(strict).toMatchObject({ ok: false, error: { kind: "url-policy" } });
  });
});

function smartConfig(overrides: Record<string, unknown>) {
  return { ...(fixtureJson("smart-v2/smart-configuration.json") as object), ...overrides };
}

describe("discover: hostile or broken servers", () => {
  const metadataOk = { [`${V2}/metadata`]: () => json(fixtureJson("s4s/conformance-dstu2.json")) };
  it.each<[string, Record<string, Route>, string, string?]>([
    ["invalid smart-configuration falls back to metadata", { [`${V2}/.well-known/smart-configuration`]: () => json({ token_endpoint: 5 }), ...metadataOk }, "ok"],
    ["HTML page at .well-known falls back to metadata", { [`${V2}/.well-known/smart-configuration`]: () => new Response("<html>hi</html>"), ...metadataOk }, "ok"],
    ["redirect at .well-known falls back to metadata", { [`${V2}/.well-known/smart-configuration`]: () => new Response(null, { status: 302, headers: { Location: "https://evil.example/" } }), ...metadataOk }, "ok"],
    ["javascript: authorize endpoint", { [`${V2}/.well-known/smart-configuration`]: () => json(smartConfig({ authorization_endpoint: "javascript:alert(1)" })), ...metadataOk }, "url-policy", "scheme javascript:"],
    ["plain http public token endpoint in production", { [`${V2}/.well-known/smart-configuration`]: () => json(smartConfig({ token_endpoint: "http://ehr.example.org/token" })) }, "url-policy", "must use https"],
    ["token endpoint at the cloud metadata service", { [`${V2}/.well-known/smart-configuration`]: () => json(smartConfig({ token_endpoint: "https://169.254.169.254/latest/meta-data/" })) }, "url-policy", "metadata"],
    ["oauth-uris pointing at javascript:", { [`${V2}/metadata`]: () => json({ resourceType: "Conformance", rest: [{ security: { extension: [{ url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris", extension: [{ url: "authorize", valueUri: "javascript:alert(1)" }, { url: "token", valueUri: "https://ehr.example.org/token" }] }] } }] }) }, "url-policy", "scheme javascript:"],
    ["metadata without the SMART extension", { [`${V2}/metadata`]: () => json({ resourceType: "CapabilityStatement", rest: [{ security: {} }] }) }, "invalid-response", "oauth-uris"],
    ["metadata with an authorize but no token endpoint", { [`${V2}/metadata`]: () => json({ resourceType: "CapabilityStatement", rest: [{ security: { extension: [{ url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris", extension: [{ url: "authorize", valueUri: "https://ehr.example.org/a" }] }] } }] }) }, "invalid-response", "token endpoint"],
    ["metadata that is an OperationOutcome", { [`${V2}/metadata`]: () => json({ resourceType: "OperationOutcome" }) }, "invalid-response", "resourceType"],
    ["both documents fail with 500", { [`${V2}/.well-known/smart-configuration`]: () => new Response("oops", { status: 500 }), [`${V2}/metadata`]: () => new Response("oops", { status: 503 }) }, "http"],
    ["a timeout at .well-known and 404 metadata reports the timeout", { [`${V2}/.well-known/smart-configuration`]: () => new Promise<Response>(() => {}) }, "timeout"],
  ])("%s", async (_name, routes, expectedKind, problem) => {
    const result = await discover(V2, { ...options, timeoutMs: 50, fetch: fakeEhr(routes).fetch });
    expect(result.ok ? "ok" : result.error.kind).toBe(expectedKind);
    if (problem && !result.ok && "problem" in result.error) expect(result.error.problem).toContain(problem);
  });

  it("refuses a health system whose endpoint host resolves to a private address", async () => {
    const ehr = fakeEhr({ [`${V2}/.well-known/smart-configuration`]: () => json(smartConfig({ token_endpoint: "https://internal.example.org/token" })) });
    const lookup = async (host: string) => [{ address: host === "internal.example.org" ? "10.0.0.8" : "93.184.215.14", family: 4 }];
    const result = await discover(V2, { fetch: ehr.fetch, lookup });
    expect(result).toMatchObject({ ok: false, error: { kind: "url-policy", problem: expect.stringContaining("private") } });
  });

  it("refuses a FHIR base URL on a private network before sending anything", async () => {
    const ehr = fakeEhr({});
    const result = await discover("https://ehr.internal/fhir", { fetch: ehr.fetch, lookup: async () => [{ address: "192.168.0.4", family: 4 }] });
    expect(result).toMatchObject({ ok: false, error: { kind: "url-policy" } });
    expect(ehr.requests).toHaveLength(0);
  });
});
