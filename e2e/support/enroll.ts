import { expect, type Page } from "@playwright/test";
import type { Locale } from "../../lib/i18n/locales";
import { translatorFor } from "../../lib/i18n/translate";
import { E2E } from "./servers";

/** The portal's words in the language the page is in (the browser's, English unless said). */
type InLanguage = { locale?: Locale };

/**
 * A participant's whole journey, as they would click it: consent, choose the health system,
 * sign in at the sandbox EHR, pick whose record (when representing several), then approve or not.
 */
/** The consent form, filled: an email (a fresh one unless given), their own record unless `representing`, and "I agree". */
export async function agreeToConsent(page: Page, { email, representing, locale = "en" }: { email?: string; representing?: string } & InLanguage = {}) {
  const t = translatorFor(locale, "consent");
  await page.getByLabel(t("email")).fill(email ?? `participant-${Math.random().toString(36).slice(2, 10)}@example.org`);
  if (representing) {
    await page.getByLabel(t("representative")).check();
    await page.getByLabel(t("representing")).fill(representing);
  }
  await page.getByLabel(t("agree")).check();
  await page.getByRole("button", { name: t("continue") }).click();
}

export async function goToHealthSystem(page: Page, healthSystem: string, consent: { email?: string; representing?: string } & InLanguage = {}) {
  const t = translatorFor(consent.locale ?? "en");
  await page.goto("/");
  await page.getByRole("link", { name: t("landing.start") }).click();
  await agreeToConsent(page, consent);
  await expect(page.getByRole("heading", { name: t("choose.heading") })).toBeVisible();
  await page.getByRole("button", { name: t("choose.connect", { name: healthSystem }) }).click();
  await page.waitForURL((url) => !url.href.startsWith(E2E.portalUrl));
}

export async function signInAtSandbox(page: Page, username: string, patientName?: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  if (patientName) await page.getByRole("button", { name: patientName }).click();
}

export async function enroll(
  page: Page,
  {
    healthSystem,
    username,
    patientName,
    approve = true,
    consent = {},
  }: { healthSystem: string; username: string; patientName?: string; approve?: boolean; consent?: { email?: string; representing?: string } & InLanguage },
) {
  await goToHealthSystem(page, healthSystem, consent);
  await signInAtSandbox(page, username, patientName);
  await page.getByRole("button", { name: approve ? "Approve" : "Do not approve", exact: true }).click();
}

/** Approves at the sandbox but holds the EHR's redirect (the browser never reaches the portal's callback), returning the callback URL it carried. */
export async function approveAndCatchCallback(page: Page): Promise<URL> {
  let callback: URL | undefined;
  await page.route(`${E2E.sandboxUrl}/**`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers()["location"];
    if (!location?.includes("/api/auth/callback/")) return route.fulfill({ response });
    callback = new URL(location);
    await route.fulfill({ status: 200, contentType: "text/html", body: "<p>held</p>" });
  });
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect.poll(() => callback).toBeTruthy();
  await page.unrouteAll();
  return callback!;
}
