/**
 * npm run staff:disable -- --email <email> [--enable]
 * Disables (or re-enables) a study staff account. Disabling ends all its sessions at once, and
 * every dashboard request re-reads the account.
 */
import { parseArgs } from "node:util";
import { setStaffDisabled } from "../lib/data/staff-accounts";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";

runMain(async () => {
  loadEnv({ development: process.env.NODE_ENV !== "production" });
  const { values } = parseArgs({ options: { email: { type: "string" }, enable: { type: "boolean", default: false } } });
  if (!values.email) fail("Usage: npm run staff:disable -- --email <email> [--enable]");
  const done = await setStaffDisabled(values.email, !values.enable);
  if (!done) fail(`There is no staff account for ${values.email.trim().toLowerCase()}.`);
  console.log(`${values.enable ? "Enabled" : "Disabled"} staff account ${values.email.trim().toLowerCase()}.`);
  process.exit(0);
});
