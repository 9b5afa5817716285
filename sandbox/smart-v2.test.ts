/** The smart-v2 profile: discovery, PKCE with a public client, confidential clients, revocation and introspection. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { REDIRECT_URI, VERIFIER, basic, bearer, getCode, postForm, registerV2, start, v2AuthorizeUrl, type Registered } from "./test/helpers";

describe("smart-v2 profile", () => {
  let sb: RunningSandbox;
  let publicClient: Registered;
  beforeAll(async () => {
    sb = await start();
    publicClient = await registerV2(sb);
  });
  afterAll(() => sb.close());

  const tokenUrl = () => `${sb.url}/v2/oauth/token`;

  it("publishes .well-known/smart-configuration with the SMART 2 fields", async () => {
    const res = await fetch(`${sb.v2FhirBase}/.well-known/smart-configuration`);
    expect(res.status).toBe(200);
    const c = (await res.json()) as Record<string, unknown>;
    expect(c).toMatchObject({
      authorization_endpoint: `${sb.url}/v2/oauth/authorize`,
      token_endpoint: `${sb.url}/v2/oauth/token`,
      registration_endpoint: `${sb.url}/v2/oauth/register`,
      revocation_endpoint: `${sb.url}/v2/oauth/revoke`,
      introspection_endpoint: `${sb.url}/v2/oauth/introspect`,
      code_challenge_methods_supported: ["S256"],
      grant_types_supported: ["authorization_code", "refresh_token"],
    });
    expect(c.capabilities).toEqual(
      expect.arrayContaining([
        "launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
        "context-standalone-patient", "permission-offline", "permission-patient", "permission-v1", "permission-v2",
      ]),
    );
    expect(c.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post", "private_key_jwt", "none"]));
    expect(c.scopes_supported).toEqual(expect.arrayContaining(["patient/*.rs", "patient/*.read", "offline_access"]));
  });

  it("serves an R4 CapabilityStatement with oauth-uris, including revoke and introspect", async () => {
    const body = (await (await fetch(`${sb.v2FhirBase}/metadata`)).json()) as { resourceType: string; fhirVersion: string; rest: { security: { extension: { extension: { url: string }[] }[] } }[] };
    expect(body.resourceType).toBe("CapabilityStatement");
    expect(body.fhirVersion).toBe("4.0.1");
    expect(body.rest[0]?.security.extension[0]?.extension.map((x) => x.url)).toEqual(["authorize", "token", "register", "manage", "revoke", "introspect"]);
  });

  it("registers a public client without a secret", () => {
    expect(publicClient.client_secret).toBeUndefined();
    expect(publicClient.token_endpoint_auth_method).toBe("none");
  });

  it("runs the flow with PKCE and a public client, then reads R4 data and refreshes", async () => {
    const code = await getCode(sb, v2AuthorizeUrl(sb, publicClient.client_id));
    const bad = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: publicClient.client_id, code_verifier: `${VERIFIER}x` });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_grant" });
    const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: publicClient.client_id, code_verifier: VERIFIER });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as Record<string, string>;
    expect(tokens).toMatchObject({ token_type: "Bearer", patient: "smart-1288992", scope: "launch/patient patient/*.rs offline_access" });
    const patient = (await (await fetch(`${sb.v2FhirBase}/Patient/smart-1288992`, bearer(tokens.access_token ?? ""))).json()) as { name: { family: string }[] };
    expect(patient.name[0]?.family).toBe("Adams");
    // The approval's end, as several real servers say it (the portal records it as the approval expiry).
    const approvalSeconds = Number(tokens.refresh_token_expires_in);
    expect(approvalSeconds).toBeGreaterThan(300 * 86_400);
    expect(approvalSeconds).toBeLessThanOrEqual(3 * 366 * 86_400);
    const refreshed = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "", client_id: publicClient.client_id });
    expect(refreshed.status).toBe(200);
    const rotated = (await refreshed.json()) as Record<string, number>;
    expect(Math.abs((rotated.refresh_token_expires_in ?? 0) - approvalSeconds)).toBeLessThanOrEqual(2);
    const old = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "", client_id: publicClient.client_id });
    expect(await old.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("requires the code_verifier", async () => {
    const code = await getCode(sb, v2AuthorizeUrl(sb, publicClient.client_id));
    const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: publicClient.client_id });
    expect(await res.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("accepts v1 scopes too, and issues no refresh token without offline_access", async () => {
    const code = await getCode(sb, v2AuthorizeUrl(sb, publicClient.client_id, { scope: "launch/patient patient/*.read" }));
    const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: publicClient.client_id, code_verifier: VERIFIER });
    const tokens = (await res.json()) as Record<string, string>;
    expect(tokens.scope).toBe("launch/patient patient/*.read");
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens).not.toHaveProperty("refresh_token_expires_in");
    expect((await fetch(`${sb.v2FhirBase}/Observation?patient=smart-1288992&category=vital-signs`, bearer(tokens.access_token ?? ""))).status).toBe(200);
  });

  it("limits FHIR access to the granted resource scopes", async () => {
    const code = await getCode(sb, v2AuthorizeUrl(sb, publicClient.client_id, { scope: "launch/patient patient/Observation.rs" }));
    const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: publicClient.client_id, code_verifier: VERIFIER });
    const { access_token = "" } = (await res.json()) as Record<string, string>;
    expect((await fetch(`${sb.v2FhirBase}/Observation?category=laboratory`, bearer(access_token))).status).toBe(200);
    expect((await fetch(`${sb.v2FhirBase}/Patient/smart-1288992`, bearer(access_token))).status).toBe(403);
  });

  describe("confidential clients, revocation and introspection", () => {
    let client: Registered;
    let tokens: Record<string, string>;
    beforeAll(async () => {
      client = await registerV2(sb, { token_endpoint_auth_method: "client_secret_post" });
      const code = await getCode(sb, v2AuthorizeUrl(sb, client.client_id));
      const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: client.client_id, client_secret: client.client_secret ?? "", code_verifier: VERIFIER });
      tokens = (await res.json()) as Record<string, string>;
    });
    const auth = () => ({ client_id: client.client_id, client_secret: client.client_secret ?? "" });

    it("authenticates with the method it registered only", async () => {
      const viaBasic = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" }, basic(client.client_id, client.client_secret ?? ""));
      expect(viaBasic.status).toBe(401);
      expect(await viaBasic.json()).toMatchObject({ error: "invalid_client" });
      const wrong = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "", client_id: client.client_id, client_secret: "nope" });
      expect(wrong.status).toBe(401);
    });

    it("introspects (RFC 7662) for the authenticated client only", async () => {
      const res = await postForm(`${sb.url}/v2/oauth/introspect`, { token: tokens.access_token ?? "", ...auth() });
      expect(await res.json()).toMatchObject({ active: true, client_id: client.client_id, patient: "smart-1288992", token_type: "Bearer", aud: sb.v2FhirBase });
      const anonymous = await postForm(`${sb.url}/v2/oauth/introspect`, { token: tokens.access_token ?? "" });
      expect(anonymous.status).toBe(401);
      const publicOne = await postForm(`${sb.url}/v2/oauth/introspect`, { token: tokens.access_token ?? "", client_id: publicClient.client_id });
      expect(publicOne.status).toBe(401);
      const unknown = await postForm(`${sb.url}/v2/oauth/introspect`, { token: "nope", ...auth() });
      expect(await unknown.json()).toEqual({ active: false });
    });

    it("revokes (RFC 7009): the refresh token kills the grant; unknown tokens still get 200", async () => {
      expect((await postForm(`${sb.url}/v2/oauth/revoke`, { token: "unknown", ...auth() })).status).toBe(200);
      expect((await postForm(`${sb.url}/v2/oauth/revoke`, { token: tokens.refresh_token ?? "" })).status).toBe(401);
      const res = await postForm(`${sb.url}/v2/oauth/revoke`, { token: tokens.refresh_token ?? "", ...auth() });
      expect(res.status).toBe(200);
      expect((await fetch(`${sb.v2FhirBase}/Patient/smart-1288992`, bearer(tokens.access_token ?? ""))).status).toBe(401);
      const introspected = await postForm(`${sb.url}/v2/oauth/introspect`, { token: tokens.refresh_token ?? "", ...auth() });
      expect(await introspected.json()).toEqual({ active: false });
    });

    it("lets a public client revoke with its client_id", async () => {
      const code = await getCode(sb, v2AuthorizeUrl(sb, publicClient.client_id));
      const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: publicClient.client_id, code_verifier: VERIFIER });
      const t = (await res.json()) as Record<string, string>;
      expect((await postForm(`${sb.url}/v2/oauth/revoke`, { token: t.access_token ?? "", client_id: publicClient.client_id })).status).toBe(200);
      expect((await fetch(`${sb.v2FhirBase}/Patient/smart-1288992`, bearer(t.access_token ?? ""))).status).toBe(401);
      const refreshed = await postForm(tokenUrl(), { grant_type: "refresh_token", refresh_token: t.refresh_token ?? "", client_id: publicClient.client_id });
      expect(refreshed.status).toBe(200);
    });

    it("has the debug endpoints know smart-v2 tokens too", async () => {
      const code = await getCode(sb, v2AuthorizeUrl(sb, client.client_id));
      const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, ...auth(), code_verifier: VERIFIER });
      const t = (await res.json()) as Record<string, string>;
      const info = await fetch(`${sb.url}/oauth/debug/introspect?token=${t.access_token ?? ""}`);
      expect(await info.json()).toMatchObject({ active: true, client_id: client.client_id, security_labels: expect.arrayContaining(["patient", "laboratory"]) });
    });
  });
});
