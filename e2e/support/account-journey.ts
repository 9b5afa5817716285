/**
 * Issue #13's journey, in one language: enroll with an email, confirm it, leave the browser, come
 * back a day later and sign in by the emailed link, see the connection, add the SMART v2 health
 * system as the same person, stop sharing from it, leave the study. Every page and email is
 * checked in the language's own words, read from its catalogue (messages/en.ts, messages/es.ts),
 * so the same function runs the journey in English and in Spanish.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { participantFormat } from "../../lib/i18n/format";
import type { Locale } from "../../lib/i18n/locales";
import { translatorFor } from "../../lib/i18n/translate";
import { connectedAt, DAY_MS, moveParticipantBackADay } from "./a-day-later";
import { connectionAt, participantOf } from "./database";
import { enroll, signInAtSandbox } from "./enroll";
import { HEALTH_SYSTEMS } from "./health-systems";
import { linkIn, waitForMail } from "./inbox";
import { E2E } from "./servers";
import { card } from "./my-study";
import { syntheticPatientId, syntheticRecord, syntheticUsername } from "../../sandbox/fixtures/synthetic";

const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A message whose {values} are not known here (the study's name): the whole text, any value. */
const ANY = "\u0001";
const whole = (message: string) => new RegExp(`^${escape(message).replaceAll(ANY, ".+")}$`);

/** Who takes part: a sandbox user and the patient whose record they share. */
export type Person = { username: string; patientName?: string; patientId: string; recordName: string };

/** The sandbox's synthetic patient number i (SANDBOX_PATIENTS), as a journey's person. */
export function syntheticPerson(i: number): Person {
  const { given, family } = syntheticRecord(i).demographics;
  return { username: syntheticUsername(i), patientId: syntheticPatientId(i), recordName: `${given.join(" ")} ${family}` };
}

/**
 * The journey for `person` in `locale` (the browser's language, so Accept-Language too). Each
 * language needs a patient no earlier test connected: a patient id at a health system belongs to
 * one participant, and coming back to a withdrawn one is rejoining, not enrolling anew.
 */
export async function accountJourney(browser: Browser, locale: Locale, person: Person) {
  const t = translatorFor(locale);
  const { s4s, v2 } = HEALTH_SYSTEMS;
  const email = uniqueEmail(`${person.username}-${locale}`);
  const heading = (page: Page) => page.getByRole("heading", { level: 1 });

  // 1. Yesterday (the browser's clock says so): enroll at S4S, giving an email at consent; confirm it from the inbox.
  const yesterday = await browser.newContext({ locale });
  await yesterday.clock.install({ time: Date.now() - DAY_MS });
  const first = await yesterday.newPage();
  await enroll(first, { healthSystem: s4s.name, username: person.username, patientName: person.patientName, consent: { email, locale } });
  await expect(heading(first)).toHaveText(t("done.thanksNamed", { name: person.recordName }));
  await expect(first.locator("html")).toHaveAttribute("lang", locale);
  const confirm = await waitForMail(email, whole(t("emails.verifySubject", { study: ANY })));
  expect(confirm.text).toContain(t("emails.verify1"));
  expect(confirm.html).toContain(`lang="${locale}"`);
  expect(confirm.html).toContain(t("emailLayout.copyHint"));
  await first.goto(linkIn(confirm));
  await expect(heading(first)).toHaveText(t("link.verifyHeading"));
  await noAxeViolations(first);
  await first.getByRole("button", { name: t("link.verifyButton") }).click();
  await expect(first.getByText(t("me.email", { email }), { exact: true })).toBeVisible();
  const yesterdaysCookies = await yesterday.storageState();
  await yesterday.close();

  // 2. A day later, for the portal too: everything the participant did is moved back a day.
  const participantId = moveParticipantBackADay(email);
  // Yesterday's browser, had they gone back to it, is still signed in (sessions last 30 days from sign-in).
  const leftBehind = await browser.newContext({ locale, storageState: yesterdaysCookies });
  const again = await leftBehind.newPage();
  await again.goto("/me");
  await expect(again.getByRole("heading", { level: 1, name: t("me.title") })).toBeVisible();
  await leftBehind.close();
  // In another browser: ask for a link (an unknown address gets the same answer), sign in by it.
  const later = await (await browser.newContext({ locale })).newPage();
  await later.goto("/me");
  await expect(later).toHaveURL(/\/me\/sign-in$/);
  await expect(heading(later)).toHaveText(t("signIn.heading"));
  await expect(later).toHaveTitle(new RegExp(`^${escape(t("signIn.title"))}`));
  await noAxeViolations(later);
  for (const address of [uniqueEmail("nobody"), email]) {
    await later.goto("/me/sign-in");
    await later.getByLabel(t("signIn.email")).fill(address);
    await later.getByRole("button", { name: t("signIn.send") }).click();
    await expect(later.getByRole("status")).toHaveText(t("signIn.sent"));
  }
  const signInMail = await waitForMail(email, whole(t("emails.signInSubject", { study: ANY })));
  expect(signInMail.text).toContain(t("emails.signIn1"));
  expect(signInMail.text).toContain(t("emails.contact", { name: ANY }).split(ANY)[0]!);
  // The link opens in yet another browser (a phone handing it to another app): it signs in there.
  const page = await (await browser.newContext({ locale })).newPage();
  await page.goto(linkIn(signInMail));
  await expect(heading(page)).toHaveText(t("link.signInHeading"));
  await page.getByRole("button", { name: t("link.signInButton") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("me.title") })).toBeVisible();
  const s4sCard = card(page, s4s.name);
  await expect(s4sCard.getByTestId("connection-status")).toHaveText(t("card.connected"));
  await expect(s4sCard).toContainText(person.recordName);
  // Connected yesterday, in the language's way of writing a day.
  const since = connectedAt(participantId, s4s.fhirBaseUrl);
  expect(Date.now() - since.getTime()).toBeGreaterThanOrEqual(DAY_MS);
  await expect(s4sCard).toContainText(participantFormat(locale).day(since));
  await noAxeViolations(page);
  // Used once: the same link again is refused, plainly.
  await later.goto(linkIn(signInMail));
  await expect(later.getByRole("heading", { name: t("link.usedHeading") })).toBeVisible();

  // 3. Add the SMART v2 health system as the same person.
  await page.getByRole("link", { name: t("me.add") }).click();
  await page.getByRole("button", { name: t("choose.connect", { name: v2.name }) }).click();
  await page.waitForURL((url) => !url.href.startsWith(E2E.portalUrl));
  // The sandbox EHR (in English: it is the health system's page, not the portal's).
  if (await page.getByLabel("Username").isVisible()) await signInAtSandbox(page, person.username);
  if (person.patientName) await page.getByRole("button", { name: person.patientName }).click();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(heading(page)).toHaveText(whole(t("done.thanksNamed", { name: ANY })));
  await page.goto("/me");
  await expect(page.getByTestId("connection-card")).toHaveCount(2);
  expect(participantOf(person.patientId, s4s.fhirBaseUrl)).toBe(participantId);
  expect(participantOf(person.patientId, v2.fhirBaseUrl)).toBe(participantId);

  // 4. Stop sharing from the v2 health system (it revokes: RFC 7009), in two taps.
  await card(page, v2.name).getByRole("link", { name: t("card.stop") }).click();
  await expect(heading(page)).toHaveText(t("stop.heading", { name: v2.name }));
  await noAxeViolations(page);
  await page.getByRole("button", { name: t("stop.yes") }).click();
  await expect(card(page, v2.name).getByTestId("connection-status")).toHaveText(t("card.withdrawn"));
  await expect(card(page, v2.name).getByTestId("ehr-access")).toHaveText(t("card.ended"));
  await expect(s4sCard.getByTestId("connection-status")).toHaveText(t("card.connected"));

  // 5. Leave the study in two taps: S4S cannot revoke, so the page points to its own page.
  await page.getByRole("link", { name: t("me.leave") }).click();
  await expect(heading(page)).toHaveText(t("withdraw.heading"));
  await noAxeViolations(page);
  await page.getByRole("button", { name: t("withdraw.yes") }).click();
  await expect(heading(page)).toHaveText(t("me.left"));
  await expect(s4sCard.getByTestId("connection-status")).toHaveText(t("card.withdrawn"));
  await expect(s4sCard.getByText(t("card.notEnded"))).toBeVisible();
  await expect(s4sCard.getByRole("link", { name: t("card.endItHere", { name: s4s.name }) })).toHaveAttribute("href", `${E2E.sandboxUrl}/apps`);
  await noAxeViolations(page);
  expect([connectionAt(person.patientId, s4s.fhirBaseUrl)?.status, connectionAt(person.patientId, v2.fhirBaseUrl)?.status]).toEqual(["withdrawn", "withdrawn"]);
  const left = await waitForMail(email, whole(t("emails.leftSubject", { study: ANY })));
  expect(left.text).toContain(t("emails.left"));
  expect(left.text).toContain(t("emails.notEndedPage", { name: s4s.name, url: `${E2E.sandboxUrl}/apps` }));

  // The consent they agreed to, to keep.
  await page.goto("/me/consent");
  await expect(page.getByText(t("myConsent.self"))).toBeVisible();
}
