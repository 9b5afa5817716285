/**
 * npm run directory:vendor -- <vendor> [--client-id … [--client-secret …]] [--auth <method>] [--per-participant] [--clear]
 * How the portal gets a client at the vendor's endpoints when a participant first chooses one:
 * the client staff were issued for every organization of the vendor, or RFC 7591 registration
 * (the default) with the given client authentication, or one registration per participant.
 */
import { parseArgs } from "node:util";
import { CLI_OPERATOR } from "../lib/data/directory-actor";
import { setVendorClient, setVendorRegistration } from "../lib/data/directory-vendors";
import { normalizeVendor } from "../lib/directory/import";
import { TOKEN_ENDPOINT_AUTH_METHODS, type TokenEndpointAuthMethod } from "../lib/smart";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";

runMain(async () => {
  loadEnv({ development: process.env.NODE_ENV !== "production" });
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "client-id": { type: "string" }, "client-secret": { type: "string" }, auth: { type: "string" }, "per-participant": { type: "boolean", default: false }, clear: { type: "boolean", default: false } },
  });
  const vendor = positionals.length === 1 ? normalizeVendor(positionals[0]!) : null;
  if (!vendor) fail("Usage: npm run directory:vendor -- <vendor> [--client-id … [--client-secret …]] [--auth <method>] [--per-participant] [--clear]");
  if (values.auth && !TOKEN_ENDPOINT_AUTH_METHODS.includes(values.auth as TokenEndpointAuthMethod)) fail(`--auth must be one of: ${TOKEN_ENDPOINT_AUTH_METHODS.join(", ")}.`);
  const strategy = values["per-participant"] ? "per-participant" : "shared";
  if (values.clear) {
    await setVendorClient(CLI_OPERATOR, vendor, null);
    console.log(`${vendor}: endpoints will register dynamically (RFC 7591) when first chosen.`);
  } else if (values["client-id"]) {
    await setVendorClient(CLI_OPERATOR, vendor, { clientId: values["client-id"], ...(values["client-secret"] && { clientSecret: values["client-secret"] }), ...(values.auth && { authMethod: values.auth }), strategy });
    console.log(`${vendor}: every endpoint will use client ${values["client-id"]} (${values.auth ?? (values["client-secret"] ? "client_secret_basic" : "none")}).`);
  } else {
    await setVendorRegistration(CLI_OPERATOR, vendor, { ...(values.auth && { authMethod: values.auth }), strategy });
    console.log(`${vendor}: endpoints will register dynamically${values.auth ? ` with ${values.auth}` : ""}${strategy === "per-participant" ? ", one registration per participant" : ""}.`);
  }
  process.exit(0);
});
