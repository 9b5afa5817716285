import { describe, expect, it } from "vitest";
import type { ClientCredentials } from "./client-auth";
import { endlessBody, fakeEhr, fixtureJson, hugeBody, json, type Route } from "./fixtures/fake-ehr";
import { exchangeCode, refresh, revoke } from "./token";

const TOKEN = "https://portal.demo.syncfor.science/oauth/token";
const REVOKE = "https://ehr.example.org/auth/revoke";
const config = { tokenEndpoint: TOKEN };
const client: ClientCredentials = {
  clientId: "f05b268b-78aa-4f51-bd89-a98052c18731",
  clientSecret: "0e541908-c799-464f-9c96-fd1aa43cd3aa",
  tokenEndpointAuthMethod: "client_secret_basic",
};
const NOW = new Date("2018-07-13T16:21:56Z");
const now = () => NOW;
const code = { code: "5tQu3bV8XDTYgf8t3VOjzsbVZ5Fuqn", redirectUri: "https://not-a-real-site/authorized", codeVerifier: "v".repeat(43) };
const recorded = fixtureJson("s4s/token-200.json") as Record<string, unknown>;

function withToken(route: Route) {
  return fakeEhr({ [`POST ${TOKEN}`]: route });
}

describe("exchangeCode", () => {
  it.each([["negative", -5], ["zero", 0], ["words", "a year"], ["a century", 3_153_600_000], ["an object", { days: 365 }]])(
    "drops an unusable refresh_token_expires_in (%s) and keeps the tokens",
    async (_name, value) => {
      const ehr = withToken(() => json({ ...recorded, refresh_token_expires_in: value }));
      const result = await exchangeCode({ config, client, ...code, fetch: ehr.fetch, now });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value).not.toHaveProperty("refreshTokenExpiresAt");
    },
  );

  it("exchanges the walkthrough's code with HTTP Basic and keeps only what it needs", async () => {
    const ehr = withToken(() => json(recorded, 200, { "Cache-Control": "no-store" }));
    const result = await exchangeCode({ config, client, ...code, fetch: ehr.fetch, now });
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: "VgxhidYLnQ75A0Qjuie1qijmesmr25",
        tokenType: "Bearer",
        expiresIn: 3600,
        expiresAt: new Date("2018-07-13T17:21:56Z"),
        scope: "launch/patient patient/*.read offline_access",
        refreshToken: "lETVw4xZIuBr6RZBw9vghTQJQyC90Z",
        patient: "smart-1288992",
      },
    });
    const sent = ehr.requests[0];
    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64");
    expect(sent?.headers.get("authorization")).toBe(`Basic ${basic}`);
    expect(sent?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(sent?.body))).toEqual({
      grant_type: "authorization_code",
      code: code.code,
      redirect_uri: code.redirectUri,
      code_verifier: code.codeVerifier,
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["lower-case bearer", { token_type: "bearer" }, { tokenType: "Bearer" }],
    ["expires_in as a numeric string", { expires_in: "3599" }, { expiresIn: 3599 }],
    ["fractional expires_in", { expires_in: 3599.7 }, { expiresIn: 3599 }],
    ["top-level fhirUser", { fhirUser: "Patient/smart-1288992" }, { fhirUser: "Patient/smart-1288992" }],
    ["FHIR id with dots and dashes", { patient: "a.b-C9" }, { patient: "a.b-C9" }],
    ["the approval's end as refresh_token_expires_in", { refresh_token_expires_in: 86_400 }, { refreshTokenExpiresAt: new Date("2018-07-14T16:21:56Z") }],
    ["refresh_token_expires_in as a numeric string", { refresh_token_expires_in: "60" }, { refreshTokenExpiresAt: new Date("2018-07-13T16:22:56Z") }],
  ])("accepts %s", async (_name, overrides, expected) => {
    const ehr = withToken(() => json({ ...recorded, ...overrides }));
    const result = await exchangeCode({ config, client, ...code, fetch: ehr.fetch, now });
    expect(result).toMatchObject({ ok: true, value: expected });
  });

  it("leaves out an absent patient (the caller decides) and a null refresh_token", async () => {
    const ehr = withToken(() => json({ ...recorded, patient: undefined, refresh_token: null }));
    const result = await exchangeCode({ config, client, ...code, fetch: ehr.fetch, now });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).not.toHaveProperty("patient");
    expect(result.ok && result.value).not.toHaveProperty("refreshToken");
  });

  it("reads fhirUser from an (unverified) id_token and drops a malformed one", async () => {
    const payload = Buffer.from(JSON.stringify({ fhirUser: "Patient/smart-1288992", sub: "x" })).toString("base64url");
    const idToken = `eyJhbGciOiJSUzI1NiJ9.${payload}.c2ln`;
    const good = await exchangeCode({ config, client, ...code, now, fetch: withToken(() => json({ ...recorded, id_token: idToken })).fetch });
    expect(good).toMatchObject({ ok: true, value: { idToken, fhirUser: "Patient/smart-1288992" } });
    const bad = await exchangeCode({ config, client, ...code, now, fetch: withToken(() => json({ ...recorded, id_token: "not-a-jwt" })).fetch });
    expect(bad.ok && [bad.value.idToken, bad.value.fhirUser]).toEqual([undefined, undefined]);
  });

  const hostile: [string, Route, Record<string, unknown>][] = [
    ["missing access_token", () => json({ ...recorded, access_token: undefined }), { kind: "invalid-response", problem: expect.stringContaining("access_token") }],
    ["empty access_token", () => json({ ...recorded, access_token: "" }), { kind: "invalid-response" }],
    ["access_token over 4 KB", () => json({ ...recorded, access_token: "a".repeat(4097) }), { kind: "invalid-response" }],
    ["access_token of the wrong type", () => json({ ...recorded, access_token: 12345 }), { kind: "invalid-response" }],
    ["token_type mac", () => json({ ...recorded, token_type: "mac" }), { kind: "invalid-response", problem: expect.stringContaining("token_type") }],
    ["missing token_type", () => json({ ...recorded, token_type: undefined }), { kind: "invalid-response" }],
    ["negative expires_in", () => json({ ...recorded, expires_in: -5 }), { kind: "invalid-response", problem: expect.stringContaining("expires_in") }],
    ["zero expires_in", () => json({ ...recorded, expires_in: 0 }), { kind: "invalid-response" }],
    ["expires_in that overflows to Infinity", () => new Response(JSON.stringify(recorded).replace('"expires_in":3600', '"expires_in":1e400')), { kind: "invalid-response", problem: expect.stringContaining("expires_in") }],
    ["expires_in of a century", () => json({ ...recorded, expires_in: 3_153_600_000 }), { kind: "invalid-response" }],
    ["expires_in as words", () => json({ ...recorded, expires_in: "an hour" }), { kind: "invalid-response" }],
    ["patient with ../", () => json({ ...recorded, patient: "../Patient/other" }), { kind: "invalid-response", problem: expect.stringContaining("patient") }],
    ["patient with /", () => json({ ...recorded, patient: "smart-1288992/_history" }), { kind: "invalid-response" }],
    ["patient ..", () => json({ ...recorded, patient: ".." }), { kind: "invalid-response" }],
    ["patient of 65 characters", () => json({ ...recorded, patient: "p".repeat(65) }), { kind: "invalid-response" }],
    ["patient as a number", () => json({ ...recorded, patient: 1288992 }), { kind: "invalid-response" }],
    ["scope as an array", () => json({ ...recorded, scope: ["patient/*.read"] }), { kind: "invalid-response" }],
    ["a JSON array", () => json([recorded]), { kind: "invalid-response" }],
    ["invalid JSON", () => new Response("{'access_token': 'x'}"), { kind: "invalid-response" }],
    ["HTML with 200", () => new Response("<!doctype html><title>Sign in</title>"), { kind: "invalid-response" }],
    ["HTML with 500", () => new Response("<html>Internal Server Error</html>", { status: 500 }), { kind: "http", status: 500, transient: true }],
    ["a huge body", () => new Response(hugeBody()), { kind: "invalid-response", problem: expect.stringContaining("larger") }],
    ["a body that never ends", () => new Response(endlessBody()), { kind: "timeout", transient: true }],
    ["a redirect to another host", () => new Response(null, { status: 307, headers: { Location: "https://evil.example/token" } }), { kind: "redirect" }],
    ["expired code: invalid_grant", () => json({ error: "invalid_grant" }, 400), { kind: "oauth", code: "invalid_grant", transient: false }],
    ["401 invalid_client", () => json({ error: "invalid_client" }, 401), { kind: "oauth", code: "invalid_client", status: 401 }],
    ["an error in a 200", () => json({ error: "invalid_grant" }), { kind: "oauth", code: "invalid_grant" }],
    ["429 with Retry-After", () => new Response("slow down", { status: 429, headers: { "Retry-After": "30" } }), { kind: "http", status: 429, retryAfterSeconds: 30, transient: true }],
  ];
  it.each(hostile)("fails on %s", async (_name, route, expected) => {
    const result = await exchangeCode({ config, client, ...code, fetch: withToken(route).fetch, now, timeoutMs: 50, maxBytes: 200_000 });
    expect(result).toMatchObject({ ok: false, error: expected });
    expect(JSON.stringify(result)).not.toMatch(/VgxhidYLnQ75A0Qjuie1qijmesmr25|lETVw4xZIuBr6RZBw9vghTQJQyC90Z|0e541908/);
  });
});

describe("refresh", () => {
  it("refreshes as in the walkthrough (rotation: a new refresh token)", async () => {
    const ehr = withToken(() => json(fixtureJson("s4s/refresh-200.json")));
    const result = await refresh({ config, client, refreshToken: "lETVw4xZIuBr6RZBw9vghTQJQyC90Z", fetch: ehr.fetch, now });
    expect(result).toMatchObject({ ok: true, value: { accessToken: "unZKFxECv0gXph2thIBajSpcH89gUs", refreshToken: "UGoQoQ3WdZRWvoBKuCIo6jMMD9yIVK" } });
    expect(Object.fromEntries(new URLSearchParams(ehr.requests[0]?.body))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "lETVw4xZIuBr6RZBw9vghTQJQyC90Z",
    });
  });

  it("sends a narrower scope and reports a missing refresh_token as undefined (keep the old one)", async () => {
    const ehr = withToken(() => json({ access_token: "new", token_type: "Bearer", expires_in: 60 }));
    const result = await refresh({ config, client, refreshToken: "old", scope: "patient/Patient.read", fetch: ehr.fetch, now });
    expect(result.ok && result.value.refreshToken).toBeUndefined();
    expect(new URLSearchParams(ehr.requests[0]?.body).get("scope")).toBe("patient/Patient.read");
  });

  it("a reused refresh token is a lasting invalid_grant with a plain message", async () => {
    const result = await refresh({ config, client, refreshToken: "old", now, fetch: withToken(() => json({ error: "invalid_grant" }, 400)).fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: "oauth", code: "invalid_grant", transient: false, message: expect.stringContaining("connect again") } });
  });
});

describe("revoke", () => {
  const v2 = { tokenEndpoint: TOKEN, revocationEndpoint: REVOKE };
  it("posts the token with a hint and client authentication; an empty 200 means revoked", async () => {
    const ehr = fakeEhr({ [`POST ${REVOKE}`]: () => new Response(null, { status: 200 }) });
    const result = await revoke({ config: v2, client, token: "rt", tokenTypeHint: "refresh_token", fetch: ehr.fetch });
    expect(result).toEqual({ ok: true, value: "revoked" });
    expect(Object.fromEntries(new URLSearchParams(ehr.requests[0]?.body))).toEqual({ token: "rt", token_type_hint: "refresh_token" });
    expect(ehr.requests[0]?.headers.get("authorization")).toMatch(/^Basic /);
  });

  it("says not-supported without calling anyone when there is no revocation endpoint (S4S)", async () => {
    const ehr = fakeEhr({});
    expect(await revoke({ config, client, token: "rt", fetch: ehr.fetch })).toEqual({ ok: true, value: "not-supported" });
    expect(ehr.requests).toHaveLength(0);
  });

  it("passes on a 503 with Retry-After as a transient error", async () => {
    const ehr = fakeEhr({ [REVOKE]: () => new Response("", { status: 503, headers: { "Retry-After": "10" } }) });
    const result = await revoke({ config: v2, client, token: "rt", fetch: ehr.fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: "http", status: 503, retryAfterSeconds: 10, transient: true } });
  });
});
