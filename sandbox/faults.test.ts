/** Fault injection and the admin API, over real HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { basic, bearer, postForm, postJson, registerS4s, registerV2, s4sTokens, start, type Registered } from "./test/helpers";

describe("faults and the admin API", () => {
  let sb: RunningSandbox;
  let client: Registered;
  beforeAll(async () => {
    sb = await start();
    client = await registerS4s(sb);
  });
  afterAll(() => sb.close());
  afterEach(async () => {
    await fetch(`${sb.url}/_sandbox/faults`, { method: "DELETE" });
  });

  const fault = async (spec: Record<string, unknown>) => {
    const res = await postJson(`${sb.url}/_sandbox/faults`, spec);
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const refresh = (refresh_token: string, init: RequestInit = {}) =>
    fetch(`${sb.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...basic(client.client_id, client.client_secret ?? "") },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token }),
      ...init,
    });
  const debugTokens = async () => {
    const res = await postJson(`${sb.url}/oauth/debug/token`, { client_id: client.client_id, username: "daniel-adams", patient_id: "smart-1288992" });
    return (await res.json()) as { access_token: string; refresh_token: string };
  };
  const stats = async () => (await (await fetch(`${sb.url}/_sandbox/stats`)).json()) as Record<string, unknown> & { faultsFired: number };

  it("status faults answer before any state changes, with Retry-After", async () => {
    const t = await debugTokens();
    await fault({ target: "token", mode: "status", status: 429, retryAfterSeconds: 7, count: 1 });
    const limited = await refresh(t.refresh_token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(await limited.json()).toMatchObject({ error: "temporarily_unavailable" });
    expect((await refresh(t.refresh_token)).status).toBe(200);
  });

  it("fires a share of requests, reproducibly with a seed, at most count times", async () => {
    const statuses = async () => {
      await fetch(`${sb.url}/_sandbox/faults`, { method: "DELETE" });
      await fault({ target: "fhir", mode: "status", status: 500, rate: 0.5, seed: 42, count: 4 });
      const t = await debugTokens();
      const out: number[] = [];
      for (let i = 0; i < 16; i++) out.push((await fetch(`${sb.s4sFhirBase}/Patient/smart-1288992`, bearer(t.access_token))).status);
      return out;
    };
    const first = await statuses();
    expect(first.filter((s) => s === 500)).toHaveLength(4);
    expect(await statuses()).toEqual(first);
  });

  it("filters by grant type", async () => {
    await fault({ target: "token", mode: "status", status: 503, grantType: "authorization_code" });
    const t = await debugTokens();
    expect((await refresh(t.refresh_token)).status).toBe(200);
    const code = await postForm(`${sb.url}/oauth/token`, { grant_type: "authorization_code", code: "x", redirect_uri: "https://x" }, basic(client.client_id, client.client_secret ?? ""));
    expect(code.status).toBe(503);
  });

  it("answers malformed JSON, or an HTML error page", async () => {
    const t = await debugTokens();
    await fault({ target: "token", mode: "malformed-json", count: 1 });
    const broken = await refresh(t.refresh_token);
    expect(broken.status).toBe(200);
    expect(broken.headers.get("content-type")).toContain("application/json");
    await expect(broken.json()).rejects.toThrow();
    await fault({ target: "fhir", mode: "html-error", count: 1 });
    const html = await fetch(`${sb.s4sFhirBase}/metadata`);
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toContain("text/html");
  });

  it("adds latency", async () => {
    await fault({ target: "fhir", mode: "latency", latencyMs: 150 });
    const started = Date.now();
    expect((await fetch(`${sb.s4sFhirBase}/metadata`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("hangs until the client gives up", async () => {
    await fault({ target: "register", mode: "hang" });
    const before = await stats();
    const req = fetch(`${sb.url}/oauth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}", signal: AbortSignal.timeout(200) });
    await expect(req).rejects.toThrow();
    expect((await stats()).faultsFired).toBeGreaterThan(before.faultsFired);
  }, 2000);

  it("processes a refresh and then drops the response: the rotation happened, the client never saw it", async () => {
    await fetch(`${sb.url}/_sandbox/stats/reset`, { method: "POST" });
    const t = await debugTokens();
    await fault({ target: "token", mode: "drop-after-refresh", count: 1 });
    await expect(refresh(t.refresh_token)).rejects.toThrow();
    const retry = await refresh(t.refresh_token);
    expect(retry.status).toBe(400);
    expect(await retry.json()).toMatchObject({ error: "invalid_grant" });
    const s = await stats();
    expect(s).toMatchObject({ tokenRequests: { refresh_token: 2 }, refreshesByClient: { [client.client_id]: 1 }, faultsFired: 1 });
  });

  it("revokes grants by token, client or username", async () => {
    const a = await debugTokens();
    expect(await (await postJson(`${sb.url}/_sandbox/revoke`, { token: a.refresh_token })).json()).toEqual({ revoked: 1 });
    expect((await fetch(`${sb.s4sFhirBase}/Patient/smart-1288992`, bearer(a.access_token))).status).toBe(401);
    const other = await registerS4s(sb);
    const b = await s4sTokens(sb, other, { username: "joseph-ross" });
    expect(await (await postJson(`${sb.url}/_sandbox/revoke`, { clientId: other.client_id })).json()).toEqual({ revoked: 1 });
    expect((await refresh(b.refresh_token)).status).toBe(400);
    await debugTokens();
    const byUser = (await (await postJson(`${sb.url}/_sandbox/revoke`, { username: "daniel-adams" })).json()) as { revoked: number };
    expect(byUser.revoked).toBeGreaterThan(0);
  });

  it("counts requests and resets the counters", async () => {
    await fetch(`${sb.url}/_sandbox/stats/reset`, { method: "POST" });
    await registerV2(sb);
    await fetch(`${sb.s4sFhirBase}/metadata`);
    expect(await stats()).toMatchObject({ registrations: 1, fhirRequests: 1, tokenRequests: { authorization_code: 0, refresh_token: 0 } });
  });

  it("targets the v2 revocation endpoint, and 'all'", async () => {
    await fault({ target: "revoke", mode: "status", status: 500 });
    expect((await postForm(`${sb.url}/v2/oauth/revoke`, { token: "x" })).status).toBe(500);
    await fetch(`${sb.url}/_sandbox/faults`, { method: "DELETE" });
    await fault({ target: "all", mode: "status", status: 503 });
    expect((await postJson(`${sb.url}/oauth/register`, {})).status).toBe(503);
    expect((await fetch(`${sb.v2FhirBase}/metadata`)).status).toBe(503);
  });

  it("refuses invalid fault specs", async () => {
    for (const spec of [{}, { target: "token", mode: "explode" }, { target: "fhir", mode: "drop-after-refresh" }, { target: "token", mode: "status", rate: 2 }]) {
      const res = await postJson(`${sb.url}/_sandbox/faults`, spec);
      expect(res.status).toBe(400);
    }
  });
});

describe("admin API switched off", () => {
  it("answers 404", async () => {
    const sb = await start({ admin: false });
    try {
      expect((await postJson(`${sb.url}/_sandbox/faults`, { target: "token", mode: "hang" })).status).toBe(404);
      expect((await fetch(`${sb.url}/_sandbox/health`)).status).toBe(200);
    } finally {
      await sb.close();
    }
  });
});
