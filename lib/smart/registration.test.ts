import { describe, expect, it } from "vitest";
import type { SmartConfiguration } from "./discovery";
import { fakeEhr, fixtureJson, json, type Route } from "./fixtures/fake-ehr";
import { register, type RegisterOptions } from "./registration";

const REGISTER = "https://portal.demo.syncfor.science/oauth/register";
const config: SmartConfiguration = {
  fhirBaseUrl: "https://portal.demo.syncfor.science/api/fhir",
  authorizationEndpoint: "https://portal.demo.syncfor.science/oauth/authorize",
  tokenEndpoint: "https://portal.demo.syncfor.science/oauth/token",
  registrationEndpoint: REGISTER,
  capabilities: [],
  codeChallengeMethods: [],
  scopesSupported: [],
  tokenEndpointAuthMethods: [],
  grantTypes: [],
  source: "capability-statement",
};
const walkthrough: Omit<RegisterOptions, "fetch"> = {
  clientName: "Fake Research Application",
  redirectUris: ["https://not-a-real-site/authorized"],
  scope: "launch/patient patient/*.read offline_access",
};
const recorded = fixtureJson("s4s/registration-201.json") as Record<string, unknown>;

describe("register", () => {
  it("registers as in the walkthrough (S4S 201, confidential, HTTP Basic)", async () => {
    const ehr = fakeEhr({ [`POST ${REGISTER}`]: () => json(recorded, 201) });
    const result = await register(config, { ...walkthrough, fetch: ehr.fetch });
    expect(result).toEqual({
      ok: true,
      value: {
        clientId: "f05b268b-78aa-4f51-bd89-a98052c18731",
        clientSecret: "0e541908-c799-464f-9c96-fd1aa43cd3aa",
        tokenEndpointAuthMethod: "client_secret_basic",
        clientSecretExpiresAt: 0,
        redirectUris: ["https://not-a-real-site/authorized"],
        scope: "launch/patient patient/*.read offline_access",
      },
    });
    const sent = ehr.requests[0];
    expect(sent?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(sent?.body ?? "")).toMatchObject({
      client_name: "Fake Research Application",
      redirect_uris: ["https://not-a-real-site/authorized"],
      scope: "launch/patient patient/*.read offline_access",
    });
  });

  it("S4S ignores a request for private_key_jwt and returns a secret: Basic it is", async () => {
    const ehr = fakeEhr({ [REGISTER]: () => json(recorded, 201) });
    const jwks = { keys: [{ kty: "EC", crv: "P-384", x: "x", y: "y", kid: "k1" }] };
    const result = await register(config, { ...walkthrough, tokenEndpointAuthMethod: "private_key_jwt", jwks, fetch: ehr.fetch });
    expect(result.ok && result.value.tokenEndpointAuthMethod).toBe("client_secret_basic");
    expect(JSON.parse(ehr.requests[0]?.body ?? "")).toMatchObject({ token_endpoint_auth_method: "private_key_jwt", jwks });
  });

  it.each<[string, Record<string, unknown>, string | undefined, string]>([
    ["server says private_key_jwt, no secret", { client_id: "c1", token_endpoint_auth_method: "private_key_jwt" }, "private_key_jwt", "private_key_jwt"],
    ["public client: none, no secret", { client_id: "c1", token_endpoint_auth_method: "none" }, "none", "none"],
    ["no method, no secret, we asked for none", { client_id: "c1" }, "none", "none"],
    ["server says client_secret_post", { client_id: "c1", client_secret: "s", token_endpoint_auth_method: "client_secret_post" }, undefined, "client_secret_post"],
    ["200 instead of 201 is accepted", { client_id: "c1", client_secret: "s" }, undefined, "client_secret_basic"],
  ])("%s", async (_name, body, requested, expected) => {
    const ehr = fakeEhr({ [REGISTER]: () => json(body, 200) });
    const result = await register(config, { ...walkthrough, ...(requested && { tokenEndpointAuthMethod: requested as "none" }), fetch: ehr.fetch });
    expect(result.ok && result.value.tokenEndpointAuthMethod).toBe(expected);
  });

  const failures: [string, Route, Record<string, unknown>][] = [
    ["invalid_client_metadata (no redirect URIs)", () => json({ error: "invalid_client_metadata", error_description: "redirect_uris required" }, 400), { kind: "oauth", code: "invalid_client_metadata", status: 400 }],
    ["invalid_redirect_uri (fragment)", () => json({ error: "invalid_redirect_uri" }, 400), { kind: "oauth", code: "invalid_redirect_uri" }],
    ["missing client_id", () => json({ client_secret: "s" }, 201), { kind: "invalid-response", problem: expect.stringContaining("client_id") }],
    ["client_id of the wrong type", () => json({ client_id: 42, client_secret: "s" }, 201), { kind: "invalid-response" }],
    ["confidential without a secret", () => json({ client_id: "c1", token_endpoint_auth_method: "client_secret_basic" }, 201), { kind: "invalid-response", problem: expect.stringContaining("client_secret") }],
    ["no method and no secret when we asked for nothing", () => json({ client_id: "c1" }, 201), { kind: "invalid-response" }],
    ["an unknown auth method", () => json({ client_id: "c1", client_secret: "s", token_endpoint_auth_method: "tls_client_auth" }, 201), { kind: "invalid-response" }],
    ["a 202", () => json({ client_id: "c1", client_secret: "s" }, 202), { kind: "invalid-response" }],
    ["a registration_client_uri at the metadata service", () => json({ client_id: "c1", client_secret: "s", registration_client_uri: "http://169.254.169.254/x" }, 201), { kind: "url-policy" }],
    ["an HTML error page", () => new Response("<html>Bad Gateway</html>", { status: 502 }), { kind: "http", status: 502, transient: true }],
  ];
  it.each(failures)("fails on %s", async (_name, route, expected) => {
    const result = await register(config, { ...walkthrough, fetch: fakeEhr({ [REGISTER]: route }).fetch });
    expect(result).toMatchObject({ ok: false, error: expected });
  });

  it("fails plainly when the health system has no registration endpoint", async () => {
    const { registrationEndpoint: _, ...without } = config;
    const result = await register(without, { ...walkthrough, fetch: fakeEhr({}).fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid-response", problem: expect.stringContaining("registration") } });
  });
});
