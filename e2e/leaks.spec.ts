import { expect, test } from "@playwright/test";
import { allRows, storedSecrets } from "./support/database";
import { enroll } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";

/**
 * Tokens and client secrets never reach a browser and are never stored in plaintext. After real
 * enrollments, every token the sandbox issued (read from the database with the e2e key) is
 * searched for in every cookie, every participant page's HTML and every script the browser
 * loaded; and every stored value is searched for every token and secret.
 */
test("no token or client secret reaches the browser, and none is stored in plaintext", async ({ page, context }) => {
  const served: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (response.url().startsWith("http://localhost:3100") && /html|javascript|json|text\/x-component/.test(type)) {
      served.push(await response.text().catch(() => ""));
    }
  });
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.v2.name, username: "joseph-ross" });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
  for (const path of ["/connect/done", "/me", "/me/withdraw", "/connect/choose", "/"]) {
    await page.goto(path);
    served.push(await page.content());
  }
  const cookies = JSON.stringify(await context.cookies());

  // Every encrypted column's values (lib/crypto/encrypted-columns.ts), opened with the e2e key.
  const secrets = storedSecrets();
  expect(secrets.length).toBeGreaterThan(3);
  const browserSide = served.join("\n") + cookies;
  const stored = JSON.stringify(allRows());
  for (const secret of secrets) {
    expect(browserSide, "a token or secret reached the browser").not.toContain(secret);
    expect(stored, "a token or secret is stored in plaintext").not.toContain(secret);
  }
  // The session cookie carries the participant id only, and is HttpOnly.
  const session = (await context.cookies()).find((c) => c.name.includes("participant.session"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});
