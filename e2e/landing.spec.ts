import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the landing page tells a participant what the study is and how to start", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: /share your health record/i })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What is shared" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Why we ask" })).toBeVisible();
  const start = page.getByRole("link", { name: "Connect your health record" });
  await expect(start).toBeVisible();
  const box = await start.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  await expect(page.getByRole("link", { name: "My study" })).toBeVisible();
});

test("the landing page has no accessibility violations", async ({ page }) => {
  await page.goto("/");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});

test("every response carries the security headers, with a fresh script nonce", async ({ request }) => {
  const first = await request.get("/");
  const second = await request.get("/");
  const csp = first.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-inline'; script");
  expect(csp).not.toBe(second.headers()["content-security-policy"]);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const html = await first.text();
  // No inline script runs without the nonce: every <script> tag carries it.
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
});

test("an unknown page shows a plain not-found message", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/at .*\.js:\d+/);
});
