import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { accountJourney, syntheticPerson } from "./support/account-journey";
import { connectionAt, whoseRecordOf } from "./support/database";
import { agreeToConsent, enroll, signInAtSandbox } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { inbox } from "./support/inbox";
import { card } from "./support/my-study";
import { E2E } from "./support/servers";

const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;

// Issue #13's journey, once per language, each with a patient of its own (support/account-journey.ts);
// the Spanish one a synthetic patient no other spec connects.
const JOURNEYS = [
  { locale: "en", person: { username: "daniel-adams", patientName: "Daniel Adams", patientId: "smart-1288992", recordName: "Daniel X. Adams" } },
  { locale: "es", person: syntheticPerson(1) },
] as const;
for (const { locale, person } of JOURNEYS) {
  test(`a participant keeps an account (${locale}): enroll with email, confirm it, come back a day later by an emailed link, add a second health system, stop one, leave`, async ({ browser }) => {
    test.setTimeout(300_000); // the whole journey, through two EHRs and the inbox
    await accountJourney(browser, locale, person);
  });
}

test("someone sharing another person's record is recorded as their representative and thanked as themselves", async ({ page }) => {
  const email = uniqueEmail("carer");
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.v2.name, username: "daniel-adams", patientName: "Amy Shaw", consent: { email, representing: "Amy Shaw, my mother" } });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Thank you\. The record of Amy .*Shaw is connected\.$/);
  await page.goto("/me/consent");
  await expect(page.getByText("You agreed as someone acting for another person: Amy Shaw, my mother.")).toBeVisible();
  // The outbox sends moments later: wait for it rather than read the inbox once.
  await expect.poll(async () => (await inbox(email)).length, { timeout: 15_000 }).toBeGreaterThan(0);
});

test("a forged or expired-looking link says so plainly and signs nobody in", async ({ page }) => {
  await page.goto(`/me/link?token=${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await noAxeViolations(page);
  await page.goto("/me");
  await expect(page).toHaveURL(/\/me\/sign-in$/);
});

/** "Add another health system" while signed in: at a sandbox EHR, sign in when asked and pick whose record. */
async function addHealthSystem(page: Page, healthSystem: string, patientName: string) {
  await page.goto("/connect/choose");
  await page.getByRole("button", { name: `Connect to ${healthSystem}` }).click();
  await page.waitForURL((url) => !url.href.startsWith(E2E.portalUrl));
  if (await page.getByLabel("Username").isVisible()) await signInAtSandbox(page, "daniel-adams");
  await page.getByRole("button", { name: patientName }).click();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
}

test("issue 13: another person's record at a second health system is asked about; answers are recorded; \"not mine\" stops in one tap; sharing again needs the consent again", async ({ page }) => {
  test.setTimeout(300_000); // three EHR round trips and a re-consent
  const { oneLive, privateKeyJwt, s4s, v2 } = HEALTH_SYSTEMS;
  // Daniel Adams shares his own record (the sandbox says nothing about who signed in: no fhirUser).
  await enroll(page, { healthSystem: s4s.name, username: "daniel-adams", patientName: "Daniel Adams", consent: { email: uniqueEmail("daniel") } });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Daniel X. Adams. Your record is connected.");

  // 1. At a second health system, the picker's "Amy Shaw" (whom he represents): another name and birth date.
  await addHealthSystem(page, oneLive.name, "Amy Shaw");
  await expect(page).toHaveURL(/\/connect\/whose$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is this your own record?");
  await expect(page.getByText(`${oneLive.name} shared the record of Amy V. Shaw, born March 20, 2007.`)).toBeVisible();
  await noAxeViolations(page);
  // The same page in Spanish.
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("¿Es este su propio historial?");
  await expect(page.getByRole("button", { name: `Dejar de compartir desde ${oneLive.name}` })).toBeVisible();
  await noAxeViolations(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is this your own record?");

  // Forged posts: no answer, no name for "someone I act for", another participant's connection. Nothing changes.
  const asked = connectionAt("smart-1032702", oneLive.fhirBaseUrl)!;
  expect(whoseRecordOf(asked.id)).toMatchObject({ question: "details-differ", answer: null });
  await page.locator('input[name="answer"]').first().evaluate((input) => input.removeAttribute("required"));
  await page.getByRole("button", { name: "Save my answer" }).click();
  await expect(page.getByRole("alert")).toHaveText("Please choose one answer.");
  await page.getByLabel(/It is the record of someone I act for/).check();
  await page.getByRole("button", { name: "Save my answer" }).click();
  await expect(page.getByRole("alert")).toHaveText("Please write their name, and how you are related to them.");
  const someoneElses = connectionAt("smart-1032702", v2.fhirBaseUrl)!; // Amy Shaw's, connected by another participant above
  const before = whoseRecordOf(someoneElses.id);
  await page.locator('input[name="connectionId"]').first().evaluate((input, id) => ((input as HTMLInputElement).value = id), someoneElses.id);
  await page.getByLabel(/It is my own record/).check();
  await page.getByRole("button", { name: "Save my answer" }).click();
  await expect(page.getByRole("alert")).toHaveText("We could not find that question. Nothing was changed.");
  await noAxeViolations(page);
  expect(whoseRecordOf(someoneElses.id)).toEqual(before);
  expect(whoseRecordOf(asked.id)).toMatchObject({ answer: null });

  // 2. Someone I act for: recorded, and thanked as themselves.
  await page.getByLabel(/It is the record of someone I act for/).check();
  await page.getByLabel("Their name, and how you are related to them").fill("Amy Shaw, my granddaughter");
  await page.getByRole("button", { name: "Save my answer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you. The record of Amy V. Shaw is connected.");
  expect(whoseRecordOf(asked.id)).toMatchObject({ status: "connected", answer: "representative", representing: "Amy Shaw, my granddaughter" });
  await page.goto("/me");
  await expect(card(page, oneLive.name)).toContainText("Someone you act for: Amy Shaw, my granddaughter");

  // 3. "Not mine": one tap stops sharing from that health system.
  await addHealthSystem(page, privateKeyJwt.name, "Amy Shaw");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is this your own record?");
  await page.getByRole("button", { name: `Stop sharing from ${privateKeyJwt.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My study" })).toBeVisible();
  await expect(card(page, privateKeyJwt.name).getByTestId("connection-status")).toHaveText("Sharing stopped");
  const notMine = connectionAt("smart-1032702", privateKeyJwt.fhirBaseUrl)!;
  expect(whoseRecordOf(notMine.id)).toMatchObject({ status: "withdrawn", answer: "not-mine" });
  expect(notMine.refreshToken).toBeNull();
  await noAxeViolations(page);

  // 4. Connecting there again goes through the consent first, from the card or from the list.
  await page.goto("/connect/choose");
  await page.getByRole("button", { name: `Connect to ${privateKeyJwt.name}` }).click();
  await expect(page).toHaveURL(/\/connect\?error=reconsent$/);
  await page.goto("/me");
  await card(page, privateKeyJwt.name).getByRole("button", { name: "Share again from this health system" }).click();
  await expect(page).toHaveURL(/\/connect\?error=reconsent$/);
  await expect(page.getByText(/please read the consent and agree to it again/)).toBeVisible();
  await noAxeViolations(page);
  await agreeToConsent(page);
  await page.getByRole("button", { name: `Connect to ${privateKeyJwt.name}` }).click();
  await page.waitForURL((url) => !url.href.startsWith(E2E.portalUrl));
  // This time his own record: the same name and birth date as at his first health system, so nothing to ask.
  await page.getByRole("button", { name: "Daniel Adams" }).click();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Daniel X. Adams. Your record is connected.");
  expect(whoseRecordOf(connectionAt("smart-1288992", privateKeyJwt.fhirBaseUrl)!.id)).toMatchObject({ status: "connected", question: null });
  expect(whoseRecordOf(notMine.id)).toMatchObject({ status: "withdrawn", answer: "not-mine" });

  // 5. An ordinary reconnect (a token that expired) goes straight to the EHR: no consent again.
  await page.goto("/me");
  await card(page, s4s.name).getByRole("button", { name: "Reconnect" }).click();
  await page.waitForURL((url) => url.href.startsWith(E2E.sandboxUrl));
  await expect(page.getByRole("banner")).toHaveText("S4S Sandbox EHR");

  // Leave, so later specs that connect these patients find no one sharing both.
  await page.goto("/me/withdraw");
  await page.getByRole("button", { name: "Yes, leave the study" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have left the study");
});
