import { expect, type Page } from "@playwright/test";
import { E2E } from "./servers";

/**
 * A participant's whole journey, as they would click it: consent, choose the health system,
 * sign in at the sandbox EHR, pick whose record (when representing several), then approve or not.
 */
/** The consent form, filled: an email (a fresh one unless given), their own record unless `representing`, and "I agree". */
export async function agreeToConsent(page: Page, { email, representing }: { email?: string; representing?: string } = {}) {
  await page.getByLabel("Your email address").fill(email ?? `participant-${Math.random().toString(36).slice(2, 10)}@example.org`);
  if (representing) {
    await page.getByLabel(/The record of someone I act for/).check();
    await page.getByLabel(/their name, and how you are related/).fill(representing);
  }
  await page.getByLabel(/I agree/).check();
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function goToHealthSystem(page: Page, healthSystem: string, consent: { email?: string; representing?: string } = {}) {
  await page.goto("/");
  await page.getByRole("link", { name: "Connect your health record" }).click();
  await agreeToConsent(page, consent);
  await expect(page.getByRole("heading", { name: "Choose your health system" })).toBeVisible();
  await page.getByRole("button", { name: `Connect to ${healthSystem}` }).click();
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
  }: { healthSystem: string; username: string; patientName?: string; approve?: boolean; consent?: { email?: string; representing?: string } },
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
