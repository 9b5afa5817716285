import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { storedSecrets } from "./support/database";
import { E2E } from "./support/servers";

/**
 * Runs last (file order): everything the portal logged during this e2e run is searched for every
 * token and client secret it stored, and for the fixture patients' names.
 */
test("the portal's log of the whole e2e run holds no token, secret or patient name", async () => {
  const log = readFileSync(`${E2E.dataDir}/portal.log`, "utf8");
  expect(log.length).toBeGreaterThan(0);
  const secrets = storedSecrets(); // every encrypted column's values, opened with the e2e key
  expect(secrets.length).toBeGreaterThan(3);
  for (const secret of secrets) expect(log.includes(secret), "a token or secret is in the portal's log").toBe(false);
  for (const name of ["Daniel X. Adams", "Joseph P. Ross", "Amy Shaw", "1925-12-23"]) {
    expect(log.includes(name), `patient data (${name}) is in the portal's log`).toBe(false);
  }
  expect(log).not.toMatch(/Bearer [A-Za-z0-9._~+/-]{10,}/);
});
