import AxeBuilder from "@axe-core/playwright";
import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { agreeToConsent, signInAtSandbox } from "./support/enroll";
import { E2E } from "./support/servers";
import { signInAsStaff } from "./support/staff";

const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

/**
 * The provider directory as participants and staff use it: a generated bundle whose first brands
 * point at the e2e sandbox through 127.0.0.1 (a FHIR base no one added by hand, so choosing it
 * really activates it: discovery and RFC 7591 registration), imported with the CLI.
 */
test.beforeAll(() => {
  const sandbox = E2E.sandboxUrl.replace("localhost", "127.0.0.1");
  const file = `${E2E.dataDir}/brands-e2e.json`;
  const env = { ...process.env, ...E2E.portalEnv } as NodeJS.ProcessEnv;
  for (const args of [["directory:generate", "--", "--brands", "300", "--out", file, "--sandbox-url", sandbox], ["directory:import", "--", file, "--vendor", "e2e-synthetic"], ["directory:import", "--", `${E2E.sandboxUrl}/brands.json`, "--vendor", "sandbox"]]) {
    const result = spawnSync("npm", ["run", "--silent", ...args], { env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr || result.stdout}`);
  }
});

async function toChoosePage(page: Page) {
  await page.goto("/connect");
  await agreeToConsent(page);
  await expect(page.getByRole("heading", { name: "Choose your health system" })).toBeVisible();
}

test("a participant finds their health system by a misspelled name and connects through it (activated on first use)", async ({ page }) => {
  await toChoosePage(page);
  await page.getByRole("combobox", { name: "Search by name, city or ZIP code" }).fill("sandbox genral hospital");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("heading", { name: /health systems? for “sandbox genral hospital”/ })).toBeVisible();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Sandbox General Hospital" }) });
  await expect(card.getByText("Boston, MA")).toBeVisible();
  await noAxeViolations(page);
  await card.getByRole("button", { name: "Connect to Sandbox General Hospital" }).click();
  await page.waitForURL((url) => url.href.startsWith(E2E.sandboxUrl));
  await signInAtSandbox(page, "joseph-ross");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Joseph P. Ross. Your record is connected.");
});

test("suggestions as you type: an accessible combobox; the logo is served by the portal", async ({ page }) => {
  await toChoosePage(page);
  const box = page.getByRole("combobox", { name: "Search by name, city or ZIP code" });
  await box.pressSequentially("smart v2 sand", { delay: 30 });
  await expect(page.getByRole("option", { name: /SMART v2 Sandbox Clinic/ })).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await noAxeViolations(page);
  await box.press("ArrowDown");
  await box.press("Enter");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "SMART v2 Sandbox Clinic" }) });
  await expect(card).toBeVisible();
  const logo = card.locator("img");
  await expect(logo).toHaveAttribute("src", /^\/directory\/logos\/[A-Za-z0-9_-]{43}$/);
  const response = await page.request.get((await logo.getAttribute("src"))!);
  expect(response.headers()["content-type"]).toBe("image/svg+xml");
});

test("by ZIP code, local brands first; nothing found: the request form, counted for staff", async ({ page }) => {
  await toChoosePage(page);
  await page.goto("/connect/choose?q=53703");
  await expect(page.getByRole("listitem").first().getByText("Madison, WI")).toBeVisible();
  await page.goto("/connect/choose?q=Qwertyville%20Infirmary");
  await expect(page.getByText("No health system matches “Qwertyville Infirmary”")).toBeVisible();
  await expect(page.getByText("Can't find your health system?")).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel("Name of your health system, hospital or clinic").fill("Qwertyville Infirmary");
  await page.getByLabel("City (optional)").fill("Qwertyville");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Thank you. We have passed the name on to the study team.")).toBeVisible();
  await noAxeViolations(page);

  await signInAsStaff(page, "admin");
  await page.getByRole("link", { name: "Directory" }).click();
  await expect(page.getByRole("heading", { name: "Provider directory" })).toBeVisible();
  await expect(page.getByText("“qwertyville infirmary”: 1 searches", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: /requests: 1$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "e2e-synthetic" })).toBeVisible();
  await noAxeViolations(page);
});
