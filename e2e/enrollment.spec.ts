import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { connectionAt, connections } from "./support/database";
import { agreeToConsent, approveAndCatchCallback, enroll, goToHealthSystem, signInAtSandbox } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { E2E } from "./support/servers";

const s4sCard = (page: Page) => page.getByRole("article", { name: HEALTH_SYSTEMS.s4s.name });
const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

test("Daniel Adams enrolls through the S4S profile: sign in, pick himself, approve", async ({ page }) => {
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.s4s.name, username: "daniel-adams", patientName: "Daniel Adams" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Daniel X. Adams. Your record is connected.");
  await expect(page.getByText("Ongoing updates, until you stop sharing")).toBeVisible();
  await noAxeViolations(page);
  await page.getByRole("link", { name: "Go to My study" }).click();
  // "My study" has a card per health system (earlier specs may have given this patient's
  // participant others): this one's is the S4S card.
  await expect(s4sCard(page).getByTestId("connection-status")).toHaveText("Connected");
  await noAxeViolations(page);
  const stored = connectionAt("smart-1288992", HEALTH_SYSTEMS.s4s.fhirBaseUrl);
  expect(stored).toMatchObject({ status: "connected" });
  expect(stored?.refreshToken).toBeTruthy();
});

test("Joseph Ross enrolls through the SMART v2 profile (PKCE and aud enforced there)", async ({ page }) => {
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.v2.name, username: "joseph-ross" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Joseph P. Ross. Your record is connected.");
  expect(connectionAt("smart-1081332", HEALTH_SYSTEMS.v2.fhirBaseUrl)).toMatchObject({ status: "connected" });
});

test("private_key_jwt: the portal signs its token request with the key it publishes", async ({ page, request }) => {
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.privateKeyJwt.name, username: "joseph-ross" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Joseph P. Ross. Your record is connected.");
  const jwks = await (await request.get("/.well-known/jwks.json")).json();
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: "EC", alg: "ES384", use: "sig" });
  expect(jwks.keys[0].kid).toBeTruthy();
  expect(jwks.keys[0]).not.toHaveProperty("d");
});

test("'Do not approve' shows a plain page with a way forward, and stores nothing", async ({ browser }) => {
  const before = connections().length;
  for (const healthSystem of [HEALTH_SYSTEMS.s4s.name, HEALTH_SYSTEMS.v2.name]) {
    const page = await (await browser.newContext()).newPage();
    await enroll(page, { healthSystem, username: "joseph-ross", approve: false });
    await expect(page.getByRole("heading", { name: "You did not approve sharing" })).toBeVisible();
    await expect(page.getByRole("button", { name: `Try again with ${healthSystem}` })).toBeVisible();
    await expect(page.getByRole("link", { name: "Choose another health system" })).toBeVisible();
    await noAxeViolations(page);
    await page.context().close();
  }
  expect(connections()).toHaveLength(before);
});

test("a participant withdraws, then takes part again as the same participant only after agreeing to the consent again (finding 8)", async ({ page }) => {
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.s4s.name, username: "daniel-adams", patientName: "Amy Shaw" });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Amy");
  await page.goto("/me");
  await page.getByRole("link", { name: "Leave the study" }).click();
  await noAxeViolations(page);
  await page.getByRole("button", { name: "Yes, leave the study" }).click();
  await expect(s4sCard(page).getByTestId("connection-status")).toHaveText("Sharing stopped");
  const withdrawn = connectionAt("smart-1032702", HEALTH_SYSTEMS.s4s.fhirBaseUrl);
  expect(withdrawn).toMatchObject({ status: "withdrawn", accessToken: null, refreshToken: null });

  // The consent first, again: "Connect to …" straight away is sent back to it.
  await page.goto("/connect/choose");
  await page.getByRole("button", { name: `Connect to ${HEALTH_SYSTEMS.s4s.name}` }).click();
  await expect(page).toHaveURL(/\/connect\?error=consent$/);
  await expect(page.getByText("Please read and agree to the consent first.")).toBeVisible();
  await page.goto("/me");
  await expect(page.getByRole("button", { name: "Reconnect" })).toHaveCount(0);
  await page.getByRole("link", { name: "Take part again" }).click();
  await expect(page).toHaveURL(/\/connect$/);
  await page.getByRole("button", { name: "Continue" }).click(); // the box is required: nothing happens
  await expect(page).toHaveURL(/\/connect$/);
  await agreeToConsent(page);
  await page.getByRole("button", { name: `Connect to ${HEALTH_SYSTEMS.s4s.name}` }).click();
  // Still signed in at the sandbox from a minute ago: it asks only whose record, then consent.
  await page.getByRole("button", { name: "Amy Shaw" }).click();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
  const reconnected = connections().filter((c) => c.patientId === "smart-1032702" && c.healthSystemId === withdrawn?.healthSystemId);
  expect(reconnected).toHaveLength(1);
  expect(reconnected[0]).toMatchObject({ id: withdrawn?.id, status: "connected" });
});

test("per-participant registration keeps both connections alive on a one-live-authorization server", async ({ browser }) => {
  for (const [username, patientName] of [["daniel-adams", "Daniel Adams"], ["joseph-ross", undefined]] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await enroll(page, { healthSystem: HEALTH_SYSTEMS.oneLive.name, username, ...(patientName && { patientName }) });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
    await context.close();
  }
  const oneLive = connections().filter((c) => c.clientSecret !== null);
  expect(oneLive.length).toBeGreaterThanOrEqual(2);
  for (const connection of oneLive) {
    const response = await fetch(`${E2E.oneLiveSandboxUrl}/oauth/debug/introspect?token=${encodeURIComponent(connection.refreshToken!)}`);
    expect(await response.json()).toMatchObject({ active: true });
  }
});

test("the consent must be agreed before any health system is contacted", async ({ page }) => {
  await page.goto("/connect");
  await noAxeViolations(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/connect$/); // the browser refuses the form: the box is required
  await page.context().clearCookies();
  await page.goto("/connect/choose");
  await noAxeViolations(page);
  await page.getByRole("button", { name: `Connect to ${HEALTH_SYSTEMS.s4s.name}` }).click();
  await expect(page.getByText("Please read and agree to the consent first.")).toBeVisible();
});

test("a forged state is refused, and the real callback still works once (a replay is refused)", async ({ page }) => {
  const before = connections().length;
  await goToHealthSystem(page, HEALTH_SYSTEMS.s4s.name);
  await signInAtSandbox(page, "joseph-ross");
  const callback = await approveAndCatchCallback(page);
  expect(callback.searchParams.get("code")).toBeTruthy();

  const forged = new URL(callback);
  forged.searchParams.set("state", "forged-state-value");
  await page.goto(forged.toString());
  await expect(page.getByRole("heading", { name: "We could not confirm this sign-in" })).toBeVisible();
  expect(connections()).toHaveLength(before);

  const missing = new URL(callback);
  missing.searchParams.delete("state");
  await page.goto(missing.toString());
  await expect(page.getByRole("heading", { name: "This sign-in has expired" }).or(page.getByRole("heading", { name: "We could not confirm this sign-in" }))).toBeVisible();
  expect(connections()).toHaveLength(before);
});

test("a replayed callback stores nothing more and goes to My connection, already connected", async ({ page }) => {
  await goToHealthSystem(page, HEALTH_SYSTEMS.v2.name);
  await signInAtSandbox(page, "joseph-ross");
  const callback = await approveAndCatchCallback(page);
  await page.goto(callback.toString());
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
  const after = connections().length;
  await page.goto(callback.toString());
  await expect(page).toHaveURL(/\/me\?notice=already-connected$/);
  expect(connections()).toHaveLength(after);
});

test("a callback with no pending attempt, or for another health system, stores nothing", async ({ page }) => {
  const before = connections().length;
  await page.goto("/api/auth/callback/ehr-unknown?code=abc&state=def");
  await expect(page.getByRole("heading", { name: "Please finish in the browser where you started" })).toBeVisible();
  await page.goto("/api/auth/callback/ehr-unknown?error=access_denied");
  await expect(page.getByRole("heading", { name: "You did not approve sharing" })).toBeVisible();
  expect(connections()).toHaveLength(before);
});

test("the authorize redirect carries state, PKCE S256, aud and the study's scope", async ({ page }) => {
  const authorizeRequests: URL[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith("/authorize") && url.searchParams.has("client_id")) authorizeRequests.push(url);
  });
  await goToHealthSystem(page, HEALTH_SYSTEMS.v2.name);
  const url = authorizeRequests[0];
  expect(url?.searchParams.get("response_type")).toBe("code");
  expect(url?.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url?.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(url?.searchParams.get("aud")).toBe(HEALTH_SYSTEMS.v2.fhirBaseUrl);
  expect(url?.searchParams.get("scope")).toBe("launch/patient patient/*.rs offline_access");
  expect(url?.searchParams.get("redirect_uri")).toMatch(new RegExp(`^${E2E.portalUrl}/api/auth/callback/ehr-`));
  // At least 128 bits of unpredictable state.
  expect((url?.searchParams.get("state") ?? "").length).toBeGreaterThanOrEqual(22);
});
