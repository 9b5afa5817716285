/** Codes, tokens and grants: lifetimes (with an injected clock), single use, strict rotation, approval expiry, options. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import {
  REDIRECT_URI, VERIFIER, basic, bearer, getCode, postForm, postJson, registerS4s, registerV2, s4sAuthorizeUrl, s4sTokens, start, v2AuthorizeUrl,
  type Registered, type Tokens,
} from "./test/helpers";

let clock = Date.now();
const now = () => clock;

describe("tokens", () => {
  let sb: RunningSandbox;
  let client: Registered;
  beforeAll(async () => {
    sb = await start({ now, accessTokenLifetimeSeconds: 1800 });
    client = await registerS4s(sb);
  });
  afterAll(() => sb.close());

  const token = (form: Record<string, string>, c: Registered = client) => postForm(`${sb.url}/oauth/token`, form, basic(c.client_id, c.client_secret ?? ""));
  const exchange = (code: string, c: Registered = client) => token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }, c);
  const refresh = (refresh_token: string, extra: Record<string, string> = {}) => token({ grant_type: "refresh_token", refresh_token, ...extra });
  const readPatient = (access: string, id = "smart-1288992") => fetch(`${sb.s4sFhirBase}/Patient/${id}`, bearer(access));

  it("uses the configured access lifetime", async () => {
    const tokens = await s4sTokens(sb, client);
    expect(tokens.expires_in).toBe(1800);
  });

  it("s4s: a reused code gets invalid_grant and the tokens it gave stay valid", async () => {
    const code = await getCode(sb, s4sAuthorizeUrl(sb, client.client_id));
    const first = (await (await exchange(code)).json()) as Tokens;
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    expect((await readPatient(first.access_token)).status).toBe(200);
  });

  it("smart-v2: a reused code gets invalid_grant and revokes the tokens it gave", async () => {
    const v2 = await registerV2(sb);
    const code = await getCode(sb, v2AuthorizeUrl(sb, v2.client_id));
    const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: v2.client_id, code_verifier: VERIFIER };
    const first = (await (await postForm(`${sb.url}/v2/oauth/token`, form)).json()) as Tokens;
    expect((await fetch(`${sb.v2FhirBase}/Patient/smart-1288992`, bearer(first.access_token))).status).toBe(200);
    const again = await postForm(`${sb.url}/v2/oauth/token`, form);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    expect((await fetch(`${sb.v2FhirBase}/Patient/smart-1288992`, bearer(first.access_token))).status).toBe(401);
    const refreshed = await postForm(`${sb.url}/v2/oauth/token`, { grant_type: "refresh_token", refresh_token: first.refresh_token, client_id: v2.client_id });
    expect(refreshed.status).toBe(400);
  });

  it("codes live 100 seconds", async () => {
    const early = await getCode(sb, s4sAuthorizeUrl(sb, client.client_id));
    const late = await getCode(sb, s4sAuthorizeUrl(sb, client.client_id));
    clock += 99_000;
    expect((await exchange(early)).status).toBe(200);
    clock += 2_000;
    const res = await exchange(late);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("checks the code's client and redirect_uri", async () => {
    const other = await registerS4s(sb);
    const code = await getCode(sb, s4sAuthorizeUrl(sb, client.client_id));
    expect(await (await exchange(code, other)).json()).toMatchObject({ error: "invalid_grant" });
    const wrongRedirect = await token({ grant_type: "authorization_code", code, redirect_uri: "https://not-a-real-site/other" });
    expect(await wrongRedirect.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("access tokens expire; refresh still works within the approval", async () => {
    const tokens = await s4sTokens(sb, client);
    clock += 1801_000;
    expect((await readPatient(tokens.access_token)).status).toBe(401);
    const res = await refresh(tokens.refresh_token);
    expect(res.status).toBe(200);
    expect((await readPatient(((await res.json()) as Tokens).access_token)).status).toBe(200);
  });

  it("refresh fails once the approval has expired (debug approval_expires)", async () => {
    const minted = await postJson(`${sb.url}/oauth/debug/token`, {
      client_id: client.client_id, username: "daniel-adams", patient_id: "smart-1032702", approval_expires: clock / 1000 + 10.5,
    });
    const { refresh_token } = (await minted.json()) as Tokens;
    clock += 11_000;
    const res = await refresh(refresh_token);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringContaining("approval") });
    const info = (await (await fetch(`${sb.url}/oauth/debug/introspect?token=${refresh_token}`)).json()) as { active: boolean };
    expect(info.active).toBe(false);
  });

  it("rotates strictly: of two racing refreshes with the same token, one loses", async () => {
    const tokens = await s4sTokens(sb, client);
    const results = await Promise.all([refresh(tokens.refresh_token), refresh(tokens.refresh_token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it("honours a narrower scope on refresh and refuses a wider one", async () => {
    const tokens = await s4sTokens(sb, client);
    const wider = await refresh(tokens.refresh_token, { scope: "patient/*.read patient/*.write" });
    expect(await wider.json()).toMatchObject({ error: "invalid_scope" });
    const narrower = await refresh(tokens.refresh_token, { scope: "patient/*.read offline_access" });
    expect(await narrower.json()).toMatchObject({ scope: "patient/*.read offline_access" });
  });

  it("authenticates the client: Basic or form body; errors otherwise", async () => {
    const tokens = await s4sTokens(sb, client);
    const viaBody = await postForm(`${sb.url}/oauth/token`, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: client.client_id, client_secret: client.client_secret ?? "" });
    expect(viaBody.status).toBe(200);
    const cases: [Record<string, string>, Record<string, string>, number, string][] = [
      [{ grant_type: "refresh_token", refresh_token: "x", client_id: client.client_id }, {}, 401, "invalid_client"],
      [{ grant_type: "refresh_token", refresh_token: "x" }, basic(client.client_id, "wrong"), 401, "invalid_client"],
      [{ grant_type: "refresh_token", refresh_token: "x" }, basic("unknown", "x"), 401, "invalid_client"],
      [{ grant_type: "refresh_token", refresh_token: "x", client_secret: "x", client_id: client.client_id }, basic(client.client_id, client.client_secret ?? ""), 400, "invalid_request"],
      [{ grant_type: "password" }, basic(client.client_id, client.client_secret ?? ""), 400, "unsupported_grant_type"],
      [{}, basic(client.client_id, client.client_secret ?? ""), 400, "invalid_request"],
      [{ grant_type: "authorization_code", redirect_uri: REDIRECT_URI }, basic(client.client_id, client.client_secret ?? ""), 400, "invalid_request"],
      [{ grant_type: "refresh_token" }, basic(client.client_id, client.client_secret ?? ""), 400, "invalid_request"],
      [{ grant_type: "refresh_token", refresh_token: "unknown" }, basic(client.client_id, client.client_secret ?? ""), 400, "invalid_grant"],
    ];
    for (const [form, headers, status, error] of cases) {
      const res = await postForm(`${sb.url}/oauth/token`, form, headers);
      expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([status, error]);
      if (status === 401) expect(res.headers.get("www-authenticate")).toContain("Basic");
    }
  });

  it("the admin API expires access tokens and approvals", async () => {
    const tokens = await s4sTokens(sb, client);
    await postJson(`${sb.url}/_sandbox/expire`, { token: tokens.access_token });
    expect((await readPatient(tokens.access_token)).status).toBe(401);
    await postJson(`${sb.url}/_sandbox/expire`, { token: tokens.refresh_token, approval: true });
    expect(await (await refresh(tokens.refresh_token)).json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("one live authorization per client (option)", () => {
  for (const option of [true, false]) {
    it(`${option ? "kills" : "keeps"} the first participant's tokens when a second one approves the same client`, async () => {
      const sb = await start({ oneLiveAuthorizationPerClient: option });
      try {
        const client = await registerS4s(sb);
        const daniel = await s4sTokens(sb, client, { username: "daniel-adams", patient: "Daniel Adams" });
        const joseph = await s4sTokens(sb, client, { username: "joseph-ross" });
        const danielRead = await fetch(`${sb.s4sFhirBase}/Patient/smart-1288992`, bearer(daniel.access_token));
        expect(danielRead.status).toBe(option ? 401 : 200);
        expect((await fetch(`${sb.s4sFhirBase}/Patient/smart-1081332`, bearer(joseph.access_token))).status).toBe(200);
      } finally {
        await sb.close();
      }
    });
  }
});
