/** Requests per client per second, the rate-limit fault, latency on every answer, and public-client refresh. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { basic, bearer, debugTokens, postForm, postJson, registerS4s, registerV2, start, type Registered } from "./test/helpers";

interface ClientTraffic {
  total: number;
  maxPerSecond: number;
  perSecond: Record<string, number>;
}
interface Stats {
  fhirRequests: number;
  fhirRequestsByType: Record<string, number>;
  requestsByClient: Record<string, ClientTraffic>;
  requestsAllClients: ClientTraffic;
}

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

describe("traffic: counting, rate limits, latency", () => {
  let sb: RunningSandbox;
  let clock = T0;
  let a: Registered;
  let b: Registered;
  beforeAll(async () => {
    sb = await start({ now: () => clock });
    a = await registerS4s(sb);
    b = await registerS4s(sb);
  });
  afterAll(() => sb.close());
  afterEach(async () => {
    await fetch(`${sb.url}/_sandbox/faults`, { method: "DELETE" });
    await fetch(`${sb.url}/_sandbox/stats/reset`, { method: "POST" });
    clock = T0;
  });

  const tokens = (client: Registered) => debugTokens(sb, client);
  const stats = async () => (await (await fetch(`${sb.url}/_sandbox/stats`)).json()) as Stats;
  const fault = (spec: Record<string, unknown>) => postJson(`${sb.url}/_sandbox/faults`, spec);
  const read = (token: string, path = "Patient/smart-1288992") => fetch(`${sb.s4sFhirBase}/${path}`, bearer(token));
  const refresh = (client: Registered, refresh_token: string) =>
    postForm(`${sb.url}/oauth/token`, { grant_type: "refresh_token", refresh_token }, basic(client.client_id, client.client_secret ?? ""));

  it("counts every FHIR and token request per client per second, and FHIR requests per type", async () => {
    const ta = await tokens(a);
    const tb = await tokens(b);
    await read(ta.access_token);
    await read(ta.access_token, "Observation?category=laboratory");
    clock += 1000;
    await read(ta.access_token, "Observation");
    await refresh(a, ta.refresh_token);
    await read(tb.access_token);
    await read("not-a-token");
    await fetch(`${sb.s4sFhirBase}/metadata`);
    const s = await stats();
    const second = Math.floor(T0 / 1000);
    expect(s.requestsByClient[a.client_id]).toEqual({ total: 4, maxPerSecond: 2, perSecond: { [second]: 2, [second + 1]: 2 } });
    expect(s.requestsByClient[b.client_id]).toEqual({ total: 1, maxPerSecond: 1, perSecond: { [second + 1]: 1 } });
    expect(s.requestsByClient["(none)"]?.total).toBe(2);
    expect(s.requestsAllClients).toEqual({ total: 7, maxPerSecond: 5, perSecond: { [second]: 2, [second + 1]: 5 } });
    expect(s.fhirRequestsByType).toEqual({ Patient: 3, Observation: 2, metadata: 1 });
    expect(s.fhirRequests).toBe(6);
  });

  it("keeps the last 600 seconds per client, and resets to zero", async () => {
    const t = await tokens(a);
    await read(t.access_token);
    clock += 600_000;
    await read(t.access_token);
    await read(t.access_token);
    const mine = (await stats()).requestsByClient[a.client_id];
    expect(mine).toEqual({ total: 3, maxPerSecond: 2, perSecond: { [Math.floor(clock / 1000)]: 2 } });
    const reset = (await (await fetch(`${sb.url}/_sandbox/stats/reset`, { method: "POST" })).json()) as Stats;
    expect(reset.requestsByClient).toEqual({});
    expect(reset.fhirRequestsByType).toEqual({});
    expect(reset.requestsAllClients).toEqual({ total: 0, maxPerSecond: 0, perSecond: {} });
  });

  it("rate-limits each client within its one-second window, with Retry-After, and lets the next second through", async () => {
    expect((await fault({ target: "fhir", mode: "rate-limit", perSecond: 3, retryAfterSeconds: 2 })).status).toBe(201);
    const ta = await tokens(a);
    const tb = await tokens(b);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await read(ta.access_token)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await read(ta.access_token);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(await limited.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "throttled" }] });
    expect((await read(tb.access_token)).status).toBe(200);
    clock += 999 - (clock % 1000);
    expect((await read(ta.access_token)).status).toBe(429);
    clock += 1;
    expect((await read(ta.access_token)).status).toBe(200);
    const s = await stats();
    expect(s.requestsByClient[a.client_id]?.total).toBe(8);
    const listed = (await (await fetch(`${sb.url}/_sandbox/faults`)).json()) as { faults: { fired: number }[] };
    expect(listed.faults[0]?.fired).toBe(4);
  });

  it("rate-limits the token endpoint before any state changes", async () => {
    await fault({ target: "token", mode: "rate-limit", perSecond: 1 });
    const t = await tokens(a);
    const first = await refresh(a, t.refresh_token);
    expect(first.status).toBe(200);
    const { refresh_token } = (await first.json()) as { refresh_token: string };
    const second = await refresh(a, refresh_token);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    expect(await second.json()).toMatchObject({ error: "temporarily_unavailable" });
    clock += 1000;
    expect((await refresh(a, refresh_token)).status).toBe(200);
  });

  it("with target all, counts token and FHIR requests in one window per client", async () => {
    await fault({ target: "all", mode: "rate-limit", perSecond: 2 });
    const t = await tokens(a);
    expect((await read(t.access_token)).status).toBe(200);
    const refreshed = await refresh(a, t.refresh_token);
    expect(refreshed.status).toBe(200);
    const { access_token } = (await refreshed.json()) as { access_token: string };
    expect((await read(access_token)).status).toBe(429);
    expect((await fetch(`${sb.s4sFhirBase}/metadata`)).status).toBe(200);
  });

  it("with per server, limits every client's requests together, as a limit on a whole health system", async () => {
    await fault({ target: "fhir", mode: "rate-limit", perSecond: 3, per: "server" });
    const ta = await tokens(a);
    const tb = await tokens(b);
    const statuses = [];
    for (const t of [ta, tb, ta, tb, ta]) statuses.push((await read(t.access_token)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await fetch(`${sb.s4sFhirBase}/metadata`)).status).toBe(429);
    clock += 1000;
    expect((await read(tb.access_token)).status).toBe(200);
    expect((await stats()).requestsAllClients.maxPerSecond).toBe(6);
  });

  it("refuses bad rate-limit specs with a plain message", async () => {
    const bad = [
      { target: "fhir", mode: "rate-limit" },
      { target: "fhir", mode: "rate-limit", perSecond: 0 },
      { target: "fhir", mode: "rate-limit", perSecond: 2.5 },
      { target: "register", mode: "rate-limit", perSecond: 5 },
      { target: "fhir", mode: "status", perSecond: 5 },
      { target: "fhir", mode: "latency", per: "server" },
      { target: "fhir", mode: "rate-limit", perSecond: 5, per: "everyone" },
    ];
    for (const spec of bad) {
      const res = await fault(spec);
      expect([JSON.stringify(spec), res.status]).toEqual([JSON.stringify(spec), 400]);
      expect(((await res.json()) as { error_description: string }).error_description.length).toBeGreaterThan(5);
    }
  });

  it("delays every FHIR and token answer by a latency fault with target all, faults' answers included", async () => {
    await fault({ target: "all", mode: "latency", latencyMs: 150 });
    await fault({ target: "fhir", mode: "rate-limit", perSecond: 1 });
    const t = await tokens(a);
    const timed = async (call: () => Promise<Response>) => {
      const started = performance.now();
      const res = await call();
      return { status: res.status, ms: performance.now() - started };
    };
    const calls = [() => read(t.access_token), () => read(t.access_token), () => fetch(`${sb.s4sFhirBase}/metadata`), () => refresh(a, t.refresh_token)];
    const results = [];
    for (const call of calls) results.push(await timed(call));
    expect(results.map((r) => r.status)).toEqual([200, 429, 200, 200]);
    for (const r of results) expect(r.ms).toBeGreaterThanOrEqual(145);
  });
});

describe("refresh by a public client without client authentication", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(() => sb.close());

  const mint = (client: Registered) => debugTokens(sb, client);
  const tokenUrl = () => `${sb.url}/v2/oauth/token`;

  it("accepts a public client's refresh with no client_id, for the token's own client, and rotates", async () => {
    const client = await registerV2(sb);
    const t = await mint(client);
    const res = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: t.refresh_token });
    expect(res.status).toBe(200);
    const next = (await res.json()) as { access_token: string; refresh_token: string };
    expect(next.refresh_token).not.toBe(t.refresh_token);
    expect((await fetch(`${sb.v2FhirBase}/Patient/smart-1288992`, bearer(next.access_token))).status).toBe(200);
    const replay = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: t.refresh_token });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("still requires a confidential client to authenticate", async () => {
    const client = await registerV2(sb, { token_endpoint_auth_method: "client_secret_basic" });
    const t = await mint(client);
    const res = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: t.refresh_token });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
    const s4s = await registerS4s(sb);
    const s4sTokens = await mint(s4s);
    const bare = await postForm(`${sb.url}/oauth/token`, { grant_type: "refresh_token", refresh_token: s4sTokens.refresh_token });
    expect(bare.status).toBe(401);
  });

  it("answers an unknown refresh token that names no client with invalid_grant", async () => {
    const res = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: "no-such-token" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_grant" });
    const named = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: "no-such-token", client_id: "nobody" });
    expect(named.status).toBe(401);
  });
});
