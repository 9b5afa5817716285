import AxeBuilder from "@axe-core/playwright";
import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./support/servers";

async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
}

test.describe("a Spanish-speaking browser", () => {
  test.use({ locale: "es-MX" });

  // The sandbox's brands in the directory (idempotent), for the suggestions.
  test.beforeAll(() => {
    const env = { ...process.env, ...E2E.portalEnv } as NodeJS.ProcessEnv;
    const result = spawnSync("npm", ["run", "--silent", "directory:import", "--", `${E2E.sandboxUrl}/brands.json`, "--vendor", "sandbox"], { env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`directory:import failed: ${result.stderr || result.stdout}`);
  });

  test("gets the pages in Spanish, and can switch to English, which is remembered", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Comparta su historial médico con nuestro estudio de investigación");
    await expect(page).toHaveTitle(/Inscripción en el estudio|Comparta su historial/);
    await noAxeViolations(page);

    await page.goto("/connect");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acuerdo para compartir su historial médico");
    await expect(page.getByText("Versión del consentimiento: 2026-11-v1")).toBeVisible();
    await noAxeViolations(page);

    await page.goto("/connect/problem?reason=declined");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Usted no autorizó compartir su historial");
    await noAxeViolations(page);

    await page.goto("/connect/choose?q=Qwertyville");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Elija su sistema de salud");
    await expect(page.getByText("Ningún sistema de salud coincide con «Qwertyville»")).toBeVisible();
    await noAxeViolations(page);

    await page.getByRole("button", { name: "English" }).click();
    // Back on the same page, with its search, now in English.
    await expect(page).toHaveURL(/\/connect\/choose\?q=Qwertyville$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose your health system");
    await noAxeViolations(page);

    // The browser still asks for Spanish; the choice wins.
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share your health record with our research study");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Comparta su historial médico con nuestro estudio de investigación");
  });

  // Signing in, the emails and My study in Spanish: the account journey (accounts.spec.ts).
  test("a sign-in link that does not work says so in Spanish", async ({ page }) => {
    await page.goto("/me/link?token=roto");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Este enlace no funciona");
    await expect(page.getByRole("link", { name: "Enviarme un enlace nuevo" })).toBeVisible();
    await noAxeViolations(page);
  });

  test("suggestions as you type work in Spanish (the search box's own small script)", async ({ page }) => {
    await page.goto("/connect/choose");
    const box = page.getByRole("combobox", { name: "Busque por nombre, ciudad o código postal" });
    await box.pressSequentially("smart v2 sand", { delay: 30 });
    await expect(page.getByRole("option", { name: /SMART v2 Sandbox Clinic/ })).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("status").filter({ hasText: /sugerencia/ })).toHaveCount(1);
    await noAxeViolations(page);
    await box.press("ArrowDown");
    await box.press("Enter");
    await expect(page.getByRole("heading", { name: "SMART v2 Sandbox Clinic", exact: true })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  // Chromium sends Accept-Language from the browser's locale.
  test.use({ javaScriptEnabled: false, locale: "es" });

  test("the language switch is a plain form", async ({ page }) => {
    await page.goto("/connect");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/\/connect$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test.describe("a browser asking for a language the portal does not have", () => {
  test.use({ locale: "fr-FR" });

  test("gets English", async ({ page, request }) => {
    const html = await (await request.get("/", { headers: { "accept-language": "fr-FR,fr;q=0.9,de;q=0.8" } })).text();
    expect(html).toMatch(/<html lang="en"/);
    const spanish = await (await request.get("/", { headers: { "accept-language": "fr-FR,fr;q=0.9,es;q=0.8" } })).text();
    expect(spanish).toMatch(/<html lang="es"/);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share your health record with our research study");
    await expect(page.getByRole("button", { name: "Español" })).toBeVisible();
  });
});
