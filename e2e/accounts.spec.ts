import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { accountJourney } from "./support/account-journey";
import { enroll } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { inbox } from "./support/inbox";

const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;

// Issue #13's journey, once per language, each with a patient of its own (support/account-journey.ts).
const JOURNEYS = [
  { locale: "en", person: { username: "daniel-adams", patientName: "Daniel Adams", patientId: "smart-1288992", recordName: "Daniel X. Adams" } },
  { locale: "es", person: { username: "joseph-ross", patientId: "smart-1081332", recordName: "Joseph P. Ross" } },
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
