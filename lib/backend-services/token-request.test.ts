/**
 * The token endpoint against every bad assertion the SMART profile names, with a research tool
 * that signs its own (test/bulk-client.ts) and in-memory storage: each gets an OAuth error (400
 * or 401), never a token, never an exception.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TestBulkClient } from "../../test/bulk-client";
import type { AssertionDependencies, RegisteredClient } from "./assertion";
import { handleTokenRequest, type TokenEndpointDependencies } from "./token-request";

const FHIR = "https://portal.example/api/fhir";
const TOKEN_URL = `${FHIR}/auth/token`;

function memory(clients: RegisteredClient[], overrides: Partial<AssertionDependencies> = {}) {
  const seen = new Set<string>();
  const issued: { clientId: string; scope: string }[] = [];
  const deps: TokenEndpointDependencies = {
    findClient: async (id) => clients.find((c) => c.id === id) ?? null,
    jwksFromUrl: async () => ({ ok: false, message: "no JWKS URL in this test" }),
    rememberJti: async (clientId, jti) => !seen.has(`${clientId} ${jti}`) && Boolean(seen.add(`${clientId} ${jti}`)),
    issueToken: async (client, scope) => (issued.push({ clientId: client.id, scope }), `token-${issued.length}`),
    now: () => new Date(),
    ...overrides,
  };
  return { deps, issued };
}

/** A fetch that posts to the handler under test. */
const post = (deps: TokenEndpointDependencies) => (url: string, init?: RequestInit) => handleTokenRequest(new Request(url, init), TOKEN_URL, deps);

async function clientFor(alg: "RS384" | "ES384", deps: () => TokenEndpointDependencies, id = `client-${alg}`) {
  const client = await TestBulkClient.create((url, init) => post(deps())(url, init), FHIR, alg);
  client.clientId = id;
  return client;
}

const error = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: string; error_description: string }) });

describe("the token endpoint", () => {
  let es: TestBulkClient;
  let rs: TestBulkClient;
  let store: ReturnType<typeof memory>;
  beforeAll(async () => {
    es = await clientFor("ES384", () => store.deps);
    rs = await clientFor("RS384", () => store.deps);
    store = memory([
      { id: es.clientId, name: "ES tool", scope: "system/*.read system/*.rs", jwksUrl: null, jwks: es.jwks(), disabled: false },
      { id: rs.clientId, name: "RS tool", scope: "system/*.read system/*.rs", jwksUrl: null, jwks: rs.jwks(), disabled: false },
      { id: "disabled", name: "Old tool", scope: "system/*.read", jwksUrl: null, jwks: es.jwks(), disabled: true },
    ]);
  });

  it("gives a five-minute bearer token for an RS384 or ES384 assertion, with the scopes granted", async () => {
    for (const client of [es, rs]) {
      const response = await client.requestToken(await client.assertion(), "system/*.rs launch");
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toMatchObject({ token_type: "bearer", expires_in: 300, scope: "system/*.rs" });
    }
  });

  it.each([
    ["aud is another URL", (c: TestBulkClient) => c.assertion({ aud: "https://portal.example/api/fhir/token" }), /aud must be this server's token URL/],
    ["it expired", (c: TestBulkClient) => c.assertion({ expiresIn: -120 }), /expired/],
    ["exp is an hour ahead", (c: TestBulkClient) => c.assertion({ expiresIn: 3600 }), /more than five minutes/],
    ["the kid is unknown", (c: TestBulkClient) => c.assertion({ kid: "not-a-key" }), /No EC P-384 key with this kid/],
    ["iss is not sub", (c: TestBulkClient) => c.assertion({ sub: "someone-else" }), /iss and sub/],
    ["the client is unknown", (c: TestBulkClient) => c.assertion({ iss: "nobody", sub: "nobody" }), /does not know/],
    ["the client is disabled", (c: TestBulkClient) => c.assertion({ iss: "disabled", sub: "disabled" }), /disabled/],
    ["alg is none", async (c: TestBulkClient) => c.unsignedAssertion(), /RS384 or ES384 \(it says none\)/],
    ["alg is HS256", (c: TestBulkClient) => c.hmacAssertion(), /RS384 or ES384 \(it says HS256\)/],
    ["typ is not JWT", (c: TestBulkClient) => c.assertion({ typ: "at+jwt" }), /typ/],
    ["it is not a JWT", async () => "not.a.jwt", /not a signed JWT/],
  ])("refuses an assertion when %s (401 invalid_client)", async (_what, make, description) => {
    const body = await error(await es.requestToken(await make(es)));
    expect(body).toMatchObject({ status: 401, error: "invalid_client" });
    expect(body.error_description).toMatch(description);
  });

  it("refuses a signature by another key under the client's kid", async () => {
    const impostor = await clientFor("ES384", () => store.deps, es.clientId);
    const body = await error(await impostor.requestToken(await impostor.assertion({ kid: es.kid })));
    expect(body).toMatchObject({ status: 401, error: "invalid_client", error_description: expect.stringMatching(/signature/) });
  });

  it("accepts a jti once", async () => {
    const assertion = await es.assertion({ jti: "only-once" });
    expect((await es.requestToken(assertion)).status).toBe(200);
    const replay = await error(await es.requestToken(assertion));
    expect(replay).toMatchObject({ status: 401, error: "invalid_client", error_description: expect.stringMatching(/already used/) });
  });

  it.each([
    [{ grant_type: "authorization_code" }, 400, "unsupported_grant_type"],
    [{ grant_type: "" }, 400, "invalid_request"],
    [{ client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:saml2-bearer" }, 400, "invalid_request"],
    [{ client_id: "someone-else" }, 401, "invalid_client"],
  ])("refuses form %j (%i %s)", async (extra, status, code) => {
    expect(await error(await es.requestToken(await es.assertion(), "system/*.read", extra))).toMatchObject({ status, error: code });
  });

  it.each([["patient/*.read"], ["system/*.write"], ["user/*.read openid"]])("refuses scope %j (400 invalid_scope)", async (scope) => {
    expect(await error(await es.requestToken(await es.assertion(), scope))).toMatchObject({ status: 400, error: "invalid_scope" });
  });

  it("refuses a missing scope, a JSON body, a repeated parameter and an oversized body (400 invalid_request)", async () => {
    const send = (body: string, type = "application/x-www-form-urlencoded") => post(store.deps)(TOKEN_URL, { method: "POST", headers: { "content-type": type }, body });
    const assertion = await es.assertion();
    const base = `grant_type=client_credentials&client_assertion_type=${encodeURIComponent("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")}&client_assertion=${assertion}`;
    expect(await error(await send(base))).toMatchObject({ status: 400, error: "invalid_request", error_description: expect.stringMatching(/scope/) });
    expect(await error(await send(JSON.stringify({ grant_type: "client_credentials" }), "application/json"))).toMatchObject({ status: 400, error: "invalid_request" });
    expect(await error(await send(`${base}&scope=system/*.read&grant_type=client_credentials`))).toMatchObject({ error: "invalid_request", error_description: "Send grant_type once." });
    expect(await error(await send(`${base}&scope=${"x".repeat(70_000)}`))).toMatchObject({ error: "invalid_request", error_description: expect.stringMatching(/too large/) });
    expect(store.issued.every((t) => t.clientId !== "disabled")).toBe(true);
  });
});

describe("a client whose keys are at a JWKS URL", () => {
  it("re-reads the set once when the kid is new (a rotated key), and honours a jku only if it is that URL", async () => {
    let served = { keys: [] as unknown[] };
    const fetches: boolean[] = [];
    const store = memory([{ id: "url-client", name: "URL tool", scope: "system/*.read", jwksUrl: "https://tool.example/jwks.json", jwks: null, disabled: false }], {
      jwksFromUrl: async (_client, fresh) => (fetches.push(fresh), { ok: true, jwks: served as never }),
    });
    const client = await clientFor("RS384", () => store.deps, "url-client");
    expect((await error(await client.requestToken(await client.assertion()))).error_description).toMatch(/No RSA key/);
    expect(fetches).toEqual([false, true]);
    served = client.jwks();
    expect((await client.requestToken(await client.assertion())).status).toBe(200);
    expect((await client.requestToken(await client.assertion({ jku: "https://tool.example/jwks.json" }))).status).toBe(200);
    const elsewhere = await error(await client.requestToken(await client.assertion({ jku: "https://attacker.example/jwks.json" })));
    expect(elsewhere).toMatchObject({ status: 401, error: "invalid_client", error_description: expect.stringMatching(/jku/) });
  });
});
