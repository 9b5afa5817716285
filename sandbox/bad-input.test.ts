/** Every malformed request gets the right OAuth / RFC 7591 / FHIR error: never a 500, never a stack trace. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { REDIRECT_URI, basic, registerS4s, start, type Registered } from "./test/helpers";

type Case = [name: string, method: string, path: string, init: { body?: string; type?: string; headers?: Record<string, string> }, status: number, error?: string];

const json = (body: unknown) => ({ body: JSON.stringify(body), type: "application/json" });
const form = (body: string) => ({ body, type: "application/x-www-form-urlencoded" });
const big = "x".repeat(70 * 1024);

describe("bad input", () => {
  let sb: RunningSandbox;
  let client: Registered;
  beforeAll(async () => {
    sb = await start();
    client = await registerS4s(sb);
  });
  afterAll(() => sb.close());

  const cases = (): Case[] => {
    const auth = basic(client.client_id, client.client_secret ?? "");
    return [
      ["register: wrong method", "GET", "/oauth/register", {}, 405, "invalid_request"],
      ["register: not JSON", "POST", "/oauth/register", { body: "redirect_uris=x", type: "application/x-www-form-urlencoded" }, 400, "invalid_client_metadata"],
      ["register: bad JSON", "POST", "/oauth/register", { body: "{nope", type: "application/json" }, 400, "invalid_client_metadata"],
      ["register: a JSON array", "POST", "/oauth/register", json([1, 2]), 400, "invalid_client_metadata"],
      ["register: no redirect URIs", "POST", "/oauth/register", json({ redirect_uris: [] }), 400, "invalid_client_metadata"],
      ["register: redirect_uris not a list", "POST", "/oauth/register", json({ redirect_uris: REDIRECT_URI }), 400, "invalid_client_metadata"],
      ["register: redirect URI without scheme", "POST", "/oauth/register", json({ redirect_uris: ["not-a-url"] }), 400, "invalid_redirect_uri"],
      ["register: redirect URI with fragment", "POST", "/oauth/register", json({ redirect_uris: ["https://x.example/cb#f"] }), 400, "invalid_redirect_uri"],
      ["register: client_name not a string", "POST", "/oauth/register", json({ redirect_uris: [REDIRECT_URI], client_name: 7 }), 400, "invalid_client_metadata"],
      ["register: oversized body", "POST", "/oauth/register", json({ redirect_uris: [REDIRECT_URI], client_name: big }), 413, "invalid_request"],
      ["v2 register: unknown auth method", "POST", "/v2/oauth/register", json({ redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: "magic" }), 400, "invalid_client_metadata"],
      ["v2 register: jwks without private_key_jwt", "POST", "/v2/oauth/register", json({ redirect_uris: [REDIRECT_URI], jwks: { keys: [{ kty: "EC" }] } }), 400, "invalid_client_metadata"],
      ["v2 register: unsupported scope", "POST", "/v2/oauth/register", json({ redirect_uris: [REDIRECT_URI], scope: "openid user/*.*" }), 400, "invalid_client_metadata"],
      ["token: wrong method", "GET", "/oauth/token", {}, 405, "invalid_request"],
      ["token: JSON body", "POST", "/oauth/token", { ...json({ grant_type: "refresh_token" }), headers: auth }, 400, "invalid_request"],
      ["token: repeated parameter", "POST", "/oauth/token", { ...form("grant_type=refresh_token&grant_type=refresh_token&refresh_token=x"), headers: auth }, 400, "invalid_request"],
      ["token: oversized body", "POST", "/oauth/token", { ...form(`grant_type=refresh_token&refresh_token=${big}`), headers: auth }, 413, "invalid_request"],
      ["token: broken Basic header", "POST", "/oauth/token", { ...form("grant_type=refresh_token&refresh_token=x"), headers: { authorization: "Basic !!!" } }, 401, "invalid_client"],
      ["token: Bearer instead of Basic", "POST", "/oauth/token", { ...form("grant_type=refresh_token&refresh_token=x"), headers: { authorization: "Bearer abc" } }, 401, "invalid_client"],
      ["token: empty body", "POST", "/oauth/token", { ...form(""), headers: auth }, 400, "invalid_request"],
      ["v2 token: unknown client", "POST", "/v2/oauth/token", form("grant_type=refresh_token&refresh_token=x&client_id=nope"), 401, "invalid_client"],
      ["authorize: wrong method", "POST", "/oauth/authorize", form("client_id=x"), 405, "invalid_request"],
      ["authorize step: unknown request", "GET", "/oauth/authorize/not-a-request", {}, 400],
      ["authorize step: wrong method", "PUT", "/oauth/authorize/not-a-request", {}, 405],
      ["debug token: bad JSON", "POST", "/oauth/debug/token", { body: "{", type: "application/json" }, 400, "invalid_request"],
      ["debug token: wrong types", "POST", "/oauth/debug/token", json({ client_id: 1, username: [], patient_id: null }), 400, "invalid_request"],
      ["debug token: absurd lifetime", "POST", "/oauth/debug/token", json({ client_id: "x", username: "daniel-adams", patient_id: "smart-1288992", access_lifetime: 1e300 }), 400, "invalid_request"],
      ["debug token: wrong method", "GET", "/oauth/debug/token", {}, 405, "invalid_request"],
      ["debug introspect: repeated token", "GET", "/oauth/debug/introspect?token=a&token=b", {}, 400, "invalid_request"],
      ["debug introspect: missing token", "GET", "/oauth/debug/introspect", {}, 400, "invalid_request"],
      ["debug introspect: wrong method", "POST", "/oauth/debug/introspect", json({}), 405, "invalid_request"],
      ["v2 revoke: wrong method", "GET", "/v2/oauth/revoke", {}, 405, "invalid_request"],
      ["v2 revoke: JSON body", "POST", "/v2/oauth/revoke", json({ token: "x" }), 400, "invalid_request"],
      ["v2 introspect: wrong method", "GET", "/v2/oauth/introspect", {}, 405, "invalid_request"],
      ["s4s has no revoke endpoint", "POST", "/oauth/revoke", form("token=x"), 404],
      ["login: JSON body", "POST", "/login", json({ username: "x" }), 400],
      ["login: wrong method", "PUT", "/login", {}, 405],
      ["apps: wrong method", "DELETE", "/apps", {}, 405],
      ["revoke page: no session", "POST", "/revoke/x", form("csrf=x"), 303],
      ["admin: bad JSON", "POST", "/_sandbox/faults", { body: "[", type: "application/json" }, 400, "invalid_request"],
      ["admin: revoke with two keys", "POST", "/_sandbox/revoke", json({ token: "x", clientId: "y" }), 400, "invalid_request"],
      ["admin: unknown endpoint", "GET", "/_sandbox/nothing", {}, 404],
      ["fhir: bad percent-encoding", "GET", "/api/fhir/Patient/%E0%A4%A", {}, 401],
      ["fhir: dot segments", "GET", "/api/fhir/Patient/..%2F..%2Fetc", {}, 401],
      ["unknown path", "GET", "/nothing/here", {}, 404, "not_found"],
    ];
  };

  it("answers each malformed request with the right error", async () => {
    for (const [name, method, path, init, status, error] of cases()) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.type) headers["content-type"] = init.type;
      const res = await fetch(`${sb.url}${path}`, { method, headers, redirect: "manual", ...(init.body !== undefined ? { body: init.body } : {}) });
      const text = await res.text();
      expect([name, res.status]).toEqual([name, status]);
      expect(text).not.toMatch(/\n\s+at /);
      if (error) expect([name, (JSON.parse(text) as { error: string }).error]).toEqual([name, error]);
    }
  });

  it("limits streamed (chunked) bodies too", async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    const res = await fetch(`${sb.url}/oauth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("reads authenticated FHIR paths with odd ids as 403 or 404, never 500", async () => {
    const res = await fetch(`${sb.url}/oauth/debug/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_id: client.client_id, username: "daniel-adams", patient_id: "smart-1288992" }) });
    const { access_token } = (await res.json()) as { access_token: string };
    for (const path of ["Patient/%E0%A4%A", "Patient/..%2F..%2Fetc", "Patient/%00", "Observation?_lastUpdated=ge9999-99-99", "Patient?_count=99999999999", `Patient/${"x".repeat(5000)}`]) {
      const r = await fetch(`${sb.s4sFhirBase}/${path}`, { headers: { authorization: `Bearer ${access_token}` } });
      expect([path, r.status < 500]).toEqual([path, true]);
    }
  });
});
