import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { connectionAt, participantOf, whoseRecordOf } from "./support/database";
import { agreeToConsent, enroll, signInAtSandbox } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { inbox, linkIn, waitForMail } from "./support/inbox";
import { E2E } from "./support/servers";

const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
const card = (page: Page, healthSystem: string) => page.getByRole("region", { name: healthSystem });
const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;

test("a participant keeps an account: enroll with email, confirm it, come back by an emailed link, add a second health system, stop one, leave", async ({ browser }) => {
  test.setTimeout(300_000); // the whole journey, through two EHRs and the inbox
  const email = uniqueEmail("daniel");
  // 1. Enroll at the S4S health system, giving an email at consent; confirm it from the inbox.
  const first = await (await browser.newContext()).newPage();
  await enroll(first, { healthSystem: HEALTH_SYSTEMS.s4s.name, username: "daniel-adams", patientName: "Daniel Adams", consent: { email } });
  await expect(first.getByRole("heading", { level: 1 })).toHaveText("Thank you, Daniel X. Adams. Your record is connected.");
  const confirm = await waitForMail(email, /Confirm your email/);
  await first.goto(linkIn(confirm));
  await noAxeViolations(first);
  await first.getByRole("button", { name: "Confirm my email" }).click();
  await expect(first.getByText(`Your email: ${email}`, { exact: true })).toBeVisible();
  await first.context().close();

  // 2. Later, in another browser: ask for a link (an unknown address gets the same answer), sign in by it.
  const later = await (await browser.newContext()).newPage();
  await later.goto("/me");
  await expect(later).toHaveURL(/\/me\/sign-in$/);
  await noAxeViolations(later);
  const answers: string[] = [];
  for (const address of [uniqueEmail("nobody"), email]) {
    await later.goto("/me/sign-in");
    await later.getByLabel("Your email address").fill(address);
    await later.getByRole("button", { name: "Email me a sign-in link" }).click();
    answers.push(await later.getByRole("status").innerText());
  }
  expect(answers[0]).toBe(answers[1]);
  const signInMail = await waitForMail(email, /sign-in link/);
  expect(signInMail.text).toContain("Questions? Contact");
  // The link opens in yet another browser (a phone handing it to another app): it signs in there.
  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.goto(linkIn(signInMail));
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere.getByRole("heading", { level: 1, name: "My study" })).toBeVisible();
  await expect(card(elsewhere, HEALTH_SYSTEMS.s4s.name).getByTestId("connection-status")).toHaveText("Connected");
  await expect(card(elsewhere, HEALTH_SYSTEMS.s4s.name)).toContainText("Daniel X. Adams");
  await noAxeViolations(elsewhere);
  // Used once: the same link again is refused, plainly.
  await later.goto(linkIn(signInMail));
  await expect(later.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await noAxeViolations(later);
  const page = elsewhere;

  // 3. Add the SMART v2 health system as the same person.
  await page.getByRole("link", { name: "Add another health system" }).click();
  await page.getByRole("button", { name: `Connect to ${HEALTH_SYSTEMS.v2.name}` }).click();
  await page.waitForURL((url) => !url.href.startsWith(E2E.portalUrl));
  if (await page.getByLabel("Username").isVisible()) await signInAtSandbox(page, "daniel-adams");
  await page.getByRole("button", { name: "Daniel Adams" }).click();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
  await page.goto("/me");
  await expect(page.getByTestId("connection-card")).toHaveCount(2);
  const ids = [participantOf("smart-1288992", HEALTH_SYSTEMS.s4s.fhirBaseUrl), participantOf("smart-1288992", HEALTH_SYSTEMS.v2.fhirBaseUrl)];
  expect(ids[0]).toBeTruthy();
  expect(ids[1]).toBe(ids[0]);

  // 4. Stop sharing from the v2 health system (it revokes: RFC 7009), in two taps.
  await card(page, HEALTH_SYSTEMS.v2.name).getByRole("link", { name: "Stop sharing from this health system" }).click();
  await noAxeViolations(page);
  await page.getByRole("button", { name: "Yes, stop sharing" }).click();
  const v2 = card(page, HEALTH_SYSTEMS.v2.name);
  await expect(v2.getByTestId("connection-status")).toHaveText("Sharing stopped");
  await expect(v2.getByTestId("ehr-access")).toHaveText("The study's access here has ended.");
  await expect(card(page, HEALTH_SYSTEMS.s4s.name).getByTestId("connection-status")).toHaveText("Connected");

  // 5. Leave the study in two taps: S4S cannot revoke, so the page points to its own page.
  await page.getByRole("link", { name: "Leave the study" }).click();
  await noAxeViolations(page);
  await page.getByRole("button", { name: "Yes, leave the study" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have left the study");
  const s4s = card(page, HEALTH_SYSTEMS.s4s.name);
  await expect(s4s.getByTestId("connection-status")).toHaveText("Sharing stopped");
  await expect(s4s.getByText("The study could not end its access here.")).toBeVisible();
  await expect(s4s.getByRole("link", { name: `End it here, at ${HEALTH_SYSTEMS.s4s.name}` })).toHaveAttribute("href", `${E2E.sandboxUrl}/apps`);
  await noAxeViolations(page);
  const left = await waitForMail(email, /You have left/);
  expect(left.text).toContain(`${HEALTH_SYSTEMS.s4s.name}: the study could not end its access there.`);
  expect(left.text).toContain(`${E2E.sandboxUrl}/apps`);

  // The consent they agreed to, to keep.
  await page.goto("/me/consent");
  await expect(page.getByText("You agreed to share your own health record.")).toBeVisible();
  await noAxeViolations(page);
});

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
