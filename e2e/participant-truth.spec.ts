import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { connections } from "./support/database";
import { approveAndCatchCallback, goToHealthSystem, signInAtSandbox } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { E2E } from "./support/servers";
import { signInAsStaff } from "./support/staff";
import { card } from "./support/my-study";

/**
 * Issue 13, "dates and data shown are not true", "no feedback after Approve" and "wrong dead
 * ends", as a participant meets them at the sandbox's two profiles.
 */
const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

/** A calendar day `days` from today (UTC), as the sandbox's "Share until" takes it, and as the portal says it. */
function dayAhead(days: number) {
  const day = new Date(Date.now() + days * 86_400_000);
  const iso = day.toISOString().slice(0, 10);
  return { iso, words: new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }) };
}

/** At the sandbox's consent page: the "Share until" date, categories unticked, then Approve. */
async function approveAtSandbox(page: Page, { until, untick = [] }: { until?: string; untick?: string[] } = {}) {
  if (until) await page.getByLabel("Share until").fill(until);
  for (const label of untick) await page.getByLabel(label, { exact: true }).uncheck();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
}

test.describe("dates and data shown are true", () => {
  test.use({ timezoneId: "Pacific/Pago_Pago" }); // far west: no date may move a day

  test("a 5-day approval at S4S shows its own end, and staff see it among approvals ending within 30 days", async ({ page, browser }) => {
    const until = dayAhead(5);
    await goToHealthSystem(page, HEALTH_SYSTEMS.s4s.name);
    await signInAtSandbox(page, "joseph-ross");
    await approveAtSandbox(page, { until: until.iso });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
    await page.goto("/me");
    await expect(card(page, HEALTH_SYSTEMS.s4s.name).getByTestId("sharing-ends")).toHaveText(until.words);

    const staff = await (await browser.newContext()).newPage();
    await signInAsStaff(staff, "coordinator");
    await staff.goto("/dashboard?show=ending");
    await expect(staff.getByRole("row", { name: /Joseph/ })).toBeVisible();
    await staff.context().close();
  });

  test("at SMART v2 the date shown is the one chosen, and unticked medicines, allergies and lab results are never listed as shared", async ({ page }) => {
    const until = dayAhead(40);
    await goToHealthSystem(page, HEALTH_SYSTEMS.v2.name);
    await signInAtSandbox(page, "daniel-adams", "Daniel Adams");
    await approveAtSandbox(page, { until: until.iso, untick: ["Medications", "Allergies", "Laboratory results"] });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
    const shared = page.getByTestId("granted-data");
    await expect(shared).toBeVisible();
    await expect(shared).not.toContainText(/test results|allergies|medicines/i);
    await noAxeViolations(page);
    await page.goto("/me");
    const v2 = card(page, HEALTH_SYSTEMS.v2.name);
    await expect(v2.getByTestId("sharing-ends")).toHaveText(until.words);
    await expect(v2.getByTestId("granted-data")).toBeVisible();
    await expect(v2.getByTestId("granted-data")).not.toContainText(/test results|allergies|medicines/i);
    await noAxeViolations(page);
  });

  test("a narrowed grant at SMART v2 shows only what was granted", async ({ page }) => {
    const authorize: URL[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith("/v2/oauth/authorize") && url.searchParams.has("client_id")) authorize.push(url);
    });
    await goToHealthSystem(page, HEALTH_SYSTEMS.v2.name);
    // The EHR grants less than the study asked for: details, conditions and vaccines only.
    const narrowed = new URL(authorize[0]!);
    narrowed.searchParams.set("scope", "launch/patient patient/Patient.rs patient/Condition.rs patient/Immunization.rs offline_access");
    await page.goto(narrowed.toString());
    await signInAtSandbox(page, "joseph-ross");
    await approveAtSandbox(page);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
    const shared = page.getByTestId("granted-data");
    await expect(shared).toContainText("Only these parts of your health record: your details (name, birth date, contact), conditions (health problems), and vaccines");
    await expect(shared).not.toContainText(/test results|allergies|medicines/i);
    await expect(shared).toContainText("Your health system allowed less than the study asked for.");
  });
});

/**
 * Catches the browser's own move from "Connecting to …" to the exchange and answers it 204 No
 * Content, so the browser stays on the "Connecting" page (a navigation answered 204 keeps the page
 * shown) and the test can look at it; then lets the next move through.
 */
async function catchFirstContinue(page: Page) {
  let caught: string | null = null;
  await page.route(/\/api\/auth\/callback\/[^?]+\?.*continue=1/, async (route) => {
    if (caught) return route.continue();
    caught = route.request().url();
    await route.fulfill({ status: 204 });
  });
  return () => caught;
}

for (const javaScriptEnabled of [true, false]) {
  test(`after Approve "Connecting to …" shows before the result (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const documents: string[] = [];
    page.on("framenavigated", (frame) => frame === page.mainFrame() && documents.push(new URL(frame.url()).pathname + new URL(frame.url()).search));
    await goToHealthSystem(page, HEALTH_SYSTEMS.s4s.name);
    await signInAtSandbox(page, "daniel-adams", javaScriptEnabled ? "Amy Shaw" : "Daniel Adams");
    const caught = await catchFirstContinue(page);
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    // It moves on by itself (no click, no script), to the same callback with continue=1.
    await expect.poll(caught).toMatch(/\/api\/auth\/callback\/ehr-[^?]+\?code=[^&]+&state=[^&]+.*&continue=1$/);
    await expect(page.getByRole("heading", { level: 1, name: `Connecting to ${HEALTH_SYSTEMS.s4s.name}…` })).toBeVisible();
    if (javaScriptEnabled) await noAxeViolations(page);
    // The visible way on, for a browser that does not follow refreshes.
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
    const connecting = documents.findIndex((d) => d.startsWith("/api/auth/callback/") && !d.includes("continue=1"));
    expect(connecting).toBeGreaterThanOrEqual(0);
    expect(documents.findIndex((d) => d === "/connect/done")).toBeGreaterThan(connecting);
    await context.close();
  });
}

test("without interference the browser goes from Approve through 'Connecting to …' to the result by itself", async ({ page }) => {
  const documents: string[] = [];
  page.on("framenavigated", (frame) => frame === page.mainFrame() && documents.push(new URL(frame.url()).pathname + new URL(frame.url()).search));
  await goToHealthSystem(page, HEALTH_SYSTEMS.v2.name);
  await signInAtSandbox(page, "joseph-ross");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
  const connecting = documents.findIndex((d) => d.startsWith("/api/auth/callback/") && !d.includes("continue=1"));
  expect(connecting, documents.join(" → ")).toBeGreaterThanOrEqual(0);
  expect(documents.indexOf("/connect/done")).toBeGreaterThan(connecting);
});

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

test("the callback opened in another browser says so and how to finish; the first browser still finishes; a replay goes to My connection", async ({ browser }) => {
  const before = connections().length;
  const started = await newPage(browser);
  await goToHealthSystem(started, HEALTH_SYSTEMS.v2.name);
  await signInAtSandbox(started, "daniel-adams", "Amy Shaw");
  const callback = await approveAndCatchCallback(started);

  const other = await newPage(browser);
  await other.goto(callback.toString());
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Please finish in the browser where you started");
  await expect(other.getByText("open the link there")).toBeVisible();
  await expect(other.getByText(/took too long/)).toHaveCount(0);
  await expect(other.getByRole("button", { name: `Try again with ${HEALTH_SYSTEMS.v2.name}` })).toBeVisible();
  await expect(other.getByRole("link", { name: "Choose another health system" })).toHaveAttribute("href", "/connect/choose");
  await noAxeViolations(other);
  expect(connections()).toHaveLength(before);

  await started.goto(callback.toString());
  await expect(started.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
  const after = connections().length;
  await started.goto(callback.toString());
  await expect(started).toHaveURL(/\/me\?notice=already-connected$/);
  await expect(started.getByText("You are already connected to this health system.")).toBeVisible();
  await expect(started.getByText(/took too long|expired/)).toHaveCount(0);
  await noAxeViolations(started);
  expect(connections()).toHaveLength(after);
});

test("'Try again' restarts the same health system; 'Choose another health system' goes to the list", async ({ page }) => {
  await goToHealthSystem(page, HEALTH_SYSTEMS.v2.name);
  await signInAtSandbox(page, "joseph-ross");
  await page.getByRole("button", { name: "Do not approve", exact: true }).click();
  await expect(page.getByRole("heading", { name: "You did not approve sharing" })).toBeVisible();
  await noAxeViolations(page);
  await page.getByRole("button", { name: `Try again with ${HEALTH_SYSTEMS.v2.name}` }).click();
  await page.waitForURL((url) => url.href.startsWith(`${E2E.sandboxUrl}/v2/`));
  await page.getByRole("button", { name: "Do not approve", exact: true }).click();
  await page.getByRole("link", { name: "Choose another health system" }).click();
  await expect(page.getByRole("heading", { name: "Choose your health system" })).toBeVisible();
});
