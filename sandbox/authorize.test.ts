/** The authorization endpoint: checks before sign-in, error pages vs error redirects, the consent pages, /apps. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { Browser, authorizeInBrowser } from "./test/browser";
import { REDIRECT_URI, bearer, postJson, registerS4s, registerV2, s4sAuthorizeUrl, s4sTokens, start, v2AuthorizeUrl, type Registered } from "./test/helpers";

describe("authorize", () => {
  let sb: RunningSandbox;
  let s4s: Registered;
  let v2: Registered;
  beforeAll(async () => {
    sb = await start();
    s4s = await registerS4s(sb);
    v2 = await registerV2(sb);
  });
  afterAll(() => sb.close());

  const get = (url: string) => fetch(url, { redirect: "manual" });
  const urlFor = (profile: "s4s" | "v2", extra: Record<string, string>) =>
    profile === "s4s" ? s4sAuthorizeUrl(sb, s4s.client_id, extra) : v2AuthorizeUrl(sb, v2.client_id, extra);
  const without = (url: string, ...names: string[]) => {
    const u = new URL(url);
    for (const n of names) u.searchParams.delete(n);
    return u.toString();
  };

  describe.each(["s4s", "v2"] as const)("%s: problems shown on an error page (400, never a redirect)", (profile) => {
    const cases: [string, () => string][] = [
      ["missing client_id", () => without(urlFor(profile, {}), "client_id")],
      ["unknown client_id", () => urlFor(profile, { client_id: "not-registered" })],
      ["a client of the other profile", () => urlFor(profile, { client_id: profile === "s4s" ? v2.client_id : s4s.client_id })],
      ["missing redirect_uri", () => without(urlFor(profile, {}), "redirect_uri")],
      ["unregistered redirect_uri", () => urlFor(profile, { redirect_uri: "https://evil.example/cb" })],
      ["repeated redirect_uri", () => `${urlFor(profile, {})}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`],
    ];
    it.each(cases)("%s", async (_name, make) => {
      const res = await get(make());
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toContain('role="alert"');
    });
  });

  const redirectCases: [string, "s4s" | "v2", () => string, string, string | null][] = [
    ["unregistered scope", "s4s", () => urlFor("s4s", { scope: "launch/patient patient/*.write" }), "invalid_scope", "my-obscured-state"],
    ["bad response_type", "s4s", () => urlFor("s4s", { response_type: "token" }), "unsupported_response_type", "my-obscured-state"],
    ["missing response_type", "s4s", () => without(urlFor("s4s", {}), "response_type"), "invalid_request", "my-obscured-state"],
    ["missing state", "s4s", () => without(urlFor("s4s", {}), "state"), "invalid_request", null],
    ["repeated scope", "s4s", () => `${urlFor("s4s", {})}&scope=offline_access`, "invalid_request", "my-obscured-state"],
    ["unregistered scope", "v2", () => urlFor("v2", { scope: "patient/*.cruds" }), "invalid_scope", "v2-state"],
    ["unsupported scope", "v2", () => urlFor("v2", { scope: "openid fhirUser" }), "invalid_scope", "v2-state"],
    ["bad response_type", "v2", () => urlFor("v2", { response_type: "token" }), "unsupported_response_type", "v2-state"],
    ["missing PKCE", "v2", () => without(urlFor("v2", {}), "code_challenge", "code_challenge_method"), "invalid_request", "v2-state"],
    ["plain PKCE", "v2", () => urlFor("v2", { code_challenge_method: "plain", code_challenge: "x".repeat(43) }), "invalid_request", "v2-state"],
    ["missing aud", "v2", () => without(urlFor("v2", {}), "aud"), "invalid_request", "v2-state"],
    ["wrong aud", "v2", () => urlFor("v2", { aud: sb.s4sFhirBase }), "invalid_request", "v2-state"],
  ];
  it.each(redirectCases)("%s (%s): redirects to the client with error, description and state, before sign-in", async (_n, _p, make, error, state) => {
    const res = await get(make());
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe(error);
    expect(location.searchParams.get("error_description")).toBeTruthy();
    expect(location.searchParams.get("state")).toBe(state);
  });

  it("s4s ignores aud and PKCE, like the real server", async () => {
    const extras: Record<string, string>[] = [{ aud: "https://elsewhere.example/fhir" }, { code_challenge: "abc", code_challenge_method: "plain" }];
    for (const extra of extras) {
      const res = await get(urlFor("s4s", extra));
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
    }
  });

  it('s4s "Do not approve" redirects with access_denied and without state', async () => {
    const result = await authorizeInBrowser(new Browser(sb.url), urlFor("s4s", {}), { username: "daniel-adams", patient: "Amy Shaw", decision: "Do not approve" });
    expect(result.redirect?.search).toBe("?error=access_denied");
  });

  it('smart-v2 "Do not approve" redirects with access_denied and state', async () => {
    const result = await authorizeInBrowser(new Browser(sb.url), urlFor("v2", {}), { username: "daniel-adams", patient: "Amy Shaw", decision: "Do not approve" });
    expect(result.redirect?.searchParams.get("error")).toBe("access_denied");
    expect(result.redirect?.searchParams.get("state")).toBe("v2-state");
  });

  it("asks for consent every time, and skips the picker for a user with one patient", async () => {
    const browser = new Browser(sb.url);
    const first = await authorizeInBrowser(browser, urlFor("s4s", {}), { username: "joseph-ross" });
    expect(first.pages.some((p) => p.includes("Who are you representing?"))).toBe(false);
    expect(first.redirect?.searchParams.get("code")).toBeTruthy();
    const second = await authorizeInBrowser(browser, urlFor("s4s", {}), { username: "joseph-ross" });
    expect(second.pages).toHaveLength(1);
    expect(second.pages[0]).toContain("Approve");
    expect(second.pages[0]).toContain("Joseph Ross");
  });

  it("refuses a wrong password with the sign-in page again", async () => {
    const result = await authorizeInBrowser(new Browser(sb.url), urlFor("s4s", {}), { username: "daniel-adams", password: "wrong" });
    expect(result.page?.status).toBe(401);
    expect(await result.page?.text()).toContain("Wrong username or password.");
  });

  it("does not let another session continue someone's request", async () => {
    const res = await get(urlFor("s4s", {}));
    const step = new URL(res.headers.get("location") ?? "", sb.url).searchParams.get("next") ?? "";
    const alice = new Browser(sb.url);
    const login = await (await alice.fetch(`/login?next=${encodeURIComponent(step)}`)).text();
    await alice.submit(login, { button: "Sign in", fields: { username: "joseph-ross", password: "demo-password" } });
    expect(await (await alice.fetch(step)).text()).toContain("Share until");
    const bob = await authorizeInBrowser(new Browser(sb.url), `${sb.url}${step}`, { username: "daniel-adams", patient: "Daniel Adams" });
    expect(bob.redirect).toBeUndefined();
    expect(bob.page?.status).toBe(400);
    expect(await (await alice.fetch(step)).text()).toContain("Share until");
  });

  it("refuses a share-until date beyond three years and keeps the chosen one otherwise", async () => {
    const late = await authorizeInBrowser(new Browser(sb.url), urlFor("s4s", {}), { username: "joseph-ross", shareUntil: "2999-01-01" });
    expect(late.page?.status).toBe(400);
    const until = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const tokens = await s4sTokens(sb, s4s, { username: "joseph-ross", shareUntil: until });
    const info = (await (await fetch(`${sb.url}/oauth/debug/introspect?token=${tokens.access_token}`)).json()) as { approval_expires: string };
    expect(new Date(info.approval_expires).toISOString().slice(0, 10)).toBe(until);
  });

  it("shares only the categories left checked", async () => {
    const tokens = await s4sTokens(sb, s4s, { username: "daniel-adams", patient: "Daniel Adams", uncheck: ["category=laboratory"] });
    const bundle = (await (await fetch(`${sb.s4sFhirBase}/Observation`, bearer(tokens.access_token))).json()) as { entry: { resource: { id: string } }[] };
    const ids = bundle.entry.map((e) => e.resource.id);
    expect(ids).toContain("smart-1288992-weight");
    expect(ids).not.toContain("smart-1288992-hba1c");
    expect((await fetch(`${sb.s4sFhirBase}/Observation/smart-1288992-hba1c`, bearer(tokens.access_token))).status).toBe(403);
    const info = (await (await fetch(`${sb.url}/oauth/debug/introspect?token=${tokens.access_token}`)).json()) as { security_labels: string[] };
    expect(info.security_labels).not.toContain("laboratory");
    expect(info.security_labels).toContain("patient");
  });

  it("lists the user's authorizations at /apps and revokes one", async () => {
    const browser = new Browser(sb.url);
    const code = await authorizeInBrowser(browser, urlFor("s4s", {}), { username: "joseph-ross" });
    expect(code.redirect).toBeDefined();
    const tokens = await s4sTokens(sb, s4s, { username: "joseph-ross" });
    const apps = await (await browser.fetch("/apps")).text();
    expect(apps).toContain("Fake Research Application");
    expect(apps).toContain("Joseph Ross");
    const buttons = [...apps.matchAll(/<button[^>]*>(Revoke[^<]*)<\/button>/g)];
    expect(buttons.length).toBeGreaterThan(0);
    for (let i = 0; i < buttons.length; i++) {
      const page = await (await browser.fetch("/apps")).text();
      const res = await browser.submit(page, { button: "Revoke Fake Research Application" });
      expect(res.status).toBe(303);
    }
    expect((await fetch(`${sb.s4sFhirBase}/Patient/smart-1081332`, bearer(tokens.access_token))).status).toBe(401);
  });

  it("never redirects sign-in to another site", async () => {
    const browser = new Browser(sb.url);
    const page = await (await browser.fetch("/login?next=//evil.example/x")).text();
    const res = await browser.submit(page, { button: "Sign in", fields: { username: "joseph-ross", password: "demo-password" } });
    expect(res.headers.get("location")).toBe("/apps");
  });

  it("answers the debug token endpoint's mistakes with 400 JSON", async () => {
    for (const body of [{}, { client_id: s4s.client_id, username: "daniel-adams", patient_id: "smart-1081332" }, { client_id: "nope", username: "daniel-adams", patient_id: "smart-1288992" }]) {
      const res = await postJson(`${sb.url}/oauth/debug/token`, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
    const unknown = await fetch(`${sb.url}/oauth/debug/introspect?token=nope`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "no_token" });
  });
});
