import { expect, type Page } from "@playwright/test";
import { E2E } from "./servers";

/**
 * A participant's whole journey, as they would click it: consent, choose the health system,
 * sign in at the sandbox EHR, pick whose record (when representing several), then approve or not.
 */
export async function goToHealthSystem(page: Page, healthSystem: string) {
  await page.goto("/");
  await page.getByRole("link", { name: "Connect your health record" }).click();
  await page.getByLabel(/I agree/).check();
  await page.getByRole("button", { name: "Continue" }).click();
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
  { healthSystem, username, patientName, approve = true }: { healthSystem: string; username: string; patientName?: string; approve?: boolean },
) {
  await goToHealthSystem(page, healthSystem);
  await signInAtSandbox(page, username, patientName);
  await page.getByRole("button", { name: approve ? "Approve" : "Do not approve", exact: true }).click();
}
