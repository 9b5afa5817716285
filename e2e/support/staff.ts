/** Study staff accounts every e2e run starts with, added the way an admin would (npm run staff:add). */
import { spawnSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./servers";

const password = "e2e-staff-password-0123";

export const STAFF = {
  admin: { email: "admin@e2e.example.org", role: "admin", password },
  coordinator: { email: "coordinator@e2e.example.org", role: "coordinator", password },
  viewer: { email: "viewer@e2e.example.org", role: "viewer", password },
  leaving: { email: "leaving@e2e.example.org", role: "admin", password },
} as const;

export function staffScript(script: "staff:add" | "staff:disable", args: string[]) {
  return spawnSync("npm", ["run", "--silent", script, "--", ...args], { env: { ...process.env, ...E2E.portalEnv } as NodeJS.ProcessEnv, encoding: "utf8" });
}

export function addStaffAccounts() {
  for (const s of Object.values(STAFF)) {
    const result = staffScript("staff:add", ["--email", s.email, "--role", s.role, "--password", s.password]);
    if (result.status !== 0) throw new Error(`staff:add ${s.email} failed: ${result.stderr || result.stdout}`);
  }
}

export async function signInAsStaff(page: Page, who: keyof typeof STAFF) {
  await page.goto("/staff/sign-in");
  await page.getByLabel("Email").fill(STAFF[who].email);
  await page.getByLabel("Password").fill(STAFF[who].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}
