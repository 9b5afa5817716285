/** The walkthrough's cells, run against the sandbox's s4s profile: register → authorize → token → Patient → refresh → debug. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { Browser, authorizeInBrowser } from "./test/browser";
import { REDIRECT_URI, S4S_SCOPE, basic, bearer, postForm, postJson, s4sAuthorizeUrl, start } from "./test/helpers";

/** Cell [6]'s output: Daniel Adams' Patient, exactly. */
const WALKTHROUGH_PATIENT = {
  active: true,
  address: [{ city: "Tulsa", country: "USA", line: ["1 Hill AveApt 14"], postalCode: "74117", state: "OK", use: "home" }],
  birthDate: "1925-12-23",
  gender: "male",
  id: "smart-1288992",
  identifier: [
    {
      system: "http://hospital.smarthealthit.org",
      type: { coding: [{ code: "MR", display: "Medical record number", system: "http://hl7.org/fhir/v2/0203" }], text: "Medical record number" },
      use: "usual",
      value: "1288992",
    },
  ],
  meta: {
    lastUpdated: "2018-02-21T15:01:44.340+00:00",
    security: [
      { code: "patient", system: "http://smarthealthit.org/security/categories" },
      { code: "Patient/smart-1288992", system: "http://smarthealthit.org/security/users" },
    ],
    versionId: "2",
  },
  name: [{ family: ["Adams"], given: ["Daniel", "X."], use: "official" }],
  resourceType: "Patient",
  telecom: [{ system: "email", value: "daniel.adams@example.com" }],
  text: { div: '<div xmlns="http://www.w3.org/1999/xhtml">        <p>Daniel Adams</p>      </div>', status: "generated" },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const S4S_TOKEN = /^[A-Za-z0-9]{30}$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe("the OAuth walkthrough against the s4s profile", () => {
  let sb: RunningSandbox;
  let clientId = "";
  let clientSecret = "";
  let code = "";
  let accessToken = "";
  let refreshToken = "";
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(() => sb.close());

  it("[1] registers the client: 201 with UUID id and secret", async () => {
    const data = { client_name: "Fake Research Application", redirect_uris: [REDIRECT_URI], scope: S4S_SCOPE };
    const res = await postJson(`${sb.url}/oauth/register`, data);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["client_id", "client_name", "client_secret", "client_secret_expires_at", "redirect_uris", "scope"]);
    expect(body).toMatchObject({ ...data, client_secret_expires_at: 0 });
    expect(body.client_id).toMatch(UUID);
    expect(body.client_secret).toMatch(UUID);
    clientId = String(body.client_id);
    clientSecret = String(body.client_secret);
  });

  it("[2]-[3] authorizes in the browser (sign in, pick the patient, approve) and collects the code", async () => {
    const browser = new Browser(sb.url);
    const result = await authorizeInBrowser(browser, s4sAuthorizeUrl(sb, clientId), { username: "daniel-adams", patient: "Daniel Adams" });
    expect(result.pages[0]).toContain('<label for="username">Username</label>');
    expect(result.pages[1]).toContain("Who are you representing?");
    expect(result.pages[2]).toContain("Fake Research Application");
    expect(result.pages[2]).toContain("Share until");
    expect(result.redirect?.origin + (result.redirect?.pathname ?? "")).toBe(REDIRECT_URI);
    expect(result.redirect?.searchParams.get("state")).toBe("my-obscured-state");
    code = result.redirect?.searchParams.get("code") ?? "";
    expect(code).toMatch(S4S_TOKEN);
  });

  it("[4] exchanges the code with HTTP Basic: Bearer tokens for smart-1288992", async () => {
    const res = await postForm(`${sb.url}/oauth/token`, { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }, basic(clientId, clientSecret));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(S4S_TOKEN),
      expires_in: 3600,
      patient: "smart-1288992",
      refresh_token: expect.stringMatching(S4S_TOKEN),
      scope: S4S_SCOPE,
      token_type: "Bearer",
    });
    accessToken = String(body.access_token);
    refreshToken = String(body.refresh_token);
  });

  it("[5] reads the Patient without the token: 401", async () => {
    const res = await fetch(`${sb.s4sFhirBase}/Patient/smart-1288992`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe("OperationOutcome");
  });

  it("[6] reads the Patient with the token: 200, exactly the walkthrough's resource", async () => {
    const res = await fetch(`${sb.s4sFhirBase}/Patient/smart-1288992`, bearer(accessToken));
    expect(res.status).toBe(200);
    expect(await res.json()).toStrictEqual(WALKTHROUGH_PATIENT);
  });

  it("[7] refreshes with HTTP Basic; rotation kills the old refresh and access tokens", async () => {
    const res = await postForm(`${sb.url}/oauth/token`, { grant_type: "refresh_token", refresh_token: refreshToken }, basic(clientId, clientSecret));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ expires_in: 3600, patient: "smart-1288992", scope: S4S_SCOPE, token_type: "Bearer" });
    expect(body.refresh_token).not.toBe(refreshToken);
    const again = await postForm(`${sb.url}/oauth/token`, { grant_type: "refresh_token", refresh_token: refreshToken }, basic(clientId, clientSecret));
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    expect((await fetch(`${sb.s4sFhirBase}/Patient/smart-1288992`, bearer(accessToken))).status).toBe(401);
    expect((await fetch(`${sb.s4sFhirBase}/Patient/smart-1288992`, bearer(String(body.access_token)))).status).toBe(200);
  });

  it("[8]-[9] mints a debug token and introspects it: 1 hour access, 1 year approval", async () => {
    const res = await postJson(`${sb.url}/oauth/debug/token`, { client_id: clientId, username: "daniel-adams", patient_id: "smart-1288992" });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as { access_token: string; refresh_token: string };
    expect(Object.keys(tokens).sort()).toEqual(["access_token", "refresh_token"]);
    expect(tokens.access_token).toMatch(UUID);
    expect(tokens.refresh_token).toMatch(UUID);
    const before = Date.now();
    const info = await fetch(`${sb.url}/oauth/debug/introspect?token=${tokens.access_token}`);
    expect(info.status).toBe(200);
    const body = (await info.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_expires: expect.stringMatching(HTTP_DATE),
      access_token: tokens.access_token,
      active: true,
      approval_expires: expect.stringMatching(HTTP_DATE),
      client_id: clientId,
      refresh_token: tokens.refresh_token,
      scope: S4S_SCOPE,
      security_labels: [],
      token_type: "Bearer",
      username: "daniel-adams",
    });
    const hours = (Date.parse(String(body.access_expires)) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(0.99);
    expect(hours).toBeLessThan(1.01);
    const days = (Date.parse(String(body.approval_expires)) - before) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(367);
    const byRefresh = await fetch(`${sb.url}/oauth/debug/introspect?token=${tokens.refresh_token}`);
    expect(await byRefresh.json()).toMatchObject({ access_token: tokens.access_token, active: true });
    expect((await fetch(`${sb.s4sFhirBase}/Patient/smart-1288992`, bearer(tokens.access_token))).status).toBe(200);
  });

  it("[10] honours access_lifetime and a fractional approval_expires: 3 hours and 180 days", async () => {
    const now = Date.now() / 1000;
    const res = await postJson(`${sb.url}/oauth/debug/token`, {
      client_id: clientId,
      username: "daniel-adams",
      patient_id: "smart-1288992",
      access_lifetime: 3 * 60 * 60,
      approval_expires: now + 180 * 24 * 60 * 60,
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const body = (await (await fetch(`${sb.url}/oauth/debug/introspect?token=${access_token}`)).json()) as Record<string, string>;
    expect((Date.parse(body.access_expires ?? "") / 1000 - now) / 3600).toBeCloseTo(3, 1);
    expect((Date.parse(body.approval_expires ?? "") / 1000 - now) / 86_400).toBeCloseTo(180, 1);
  });

  it("knows no .well-known here: 401 like the real server", async () => {
    expect((await fetch(`${sb.s4sFhirBase}/.well-known/smart-configuration`)).status).toBe(401);
  });

  it("advertises the oauth-uris in the DSTU2 Conformance", async () => {
    const res = await fetch(`${sb.s4sFhirBase}/metadata`);
    const body = (await res.json()) as { resourceType: string; fhirVersion: string; rest: { security: { extension: { url: string; extension: { url: string; valueUri: string }[] }[] } }[] };
    expect(body.resourceType).toBe("Conformance");
    expect(body.fhirVersion).toBe("1.0.2");
    const ext = body.rest[0]?.security.extension.find((x) => x.url === "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
    expect(Object.fromEntries(ext?.extension.map((x) => [x.url, x.valueUri]) ?? [])).toEqual({
      authorize: `${sb.url}/oauth/authorize`,
      token: `${sb.url}/oauth/token`,
      register: `${sb.url}/oauth/register`,
      manage: `${sb.url}/apps`,
    });
  });
});
