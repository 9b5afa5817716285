/**
 * npm run research:client -- --name <name> --jwks-url <url> | --jwks-file <file>
 * npm run research:client -- --disable <client-id> | --enable <client-id>
 * Adds a research tool as a SMART Backend Services client of the portal's FHIR API (Bulk Data
 * export) and prints its client id; or disables (re-enables) one, which ends its tokens at once.
 */
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";

const USAGE = [
  "Usage: npm run research:client -- --name <name> --jwks-url <https URL of its public keys>",
  "       npm run research:client -- --name <name> --jwks-file <file with its public JWK Set>",
  "       npm run research:client -- --disable <client-id>   (or --enable <client-id>)",
].join("\n");

runMain(async () => {
  loadEnv({ development: process.env.NODE_ENV !== "production" });
  const { values } = parseArgs({
    options: { name: { type: "string" }, "jwks-url": { type: "string" }, "jwks-file": { type: "string" }, disable: { type: "string" }, enable: { type: "string" } },
  });
  const { registerResearchClient, disableResearchClient, MAX_JWKS_FILE_BYTES } = await import("../lib/backend-services/register");
  const toggle = values.disable ?? values.enable;
  if (toggle !== undefined) {
    const client = await disableResearchClient(toggle, values.disable !== undefined);
    if (!client) fail(`There is no research client ${toggle.trim()}.`);
    console.log(`${values.disable !== undefined ? "Disabled" : "Enabled"} research client "${client.name}" (${toggle.trim()}).`);
    process.exit(0);
  }
  if (!values.name) fail(`--name is required.\n${USAGE}`);
  let jwksFileText: string | undefined;
  if (values["jwks-file"] !== undefined) {
    const file = values["jwks-file"];
    const size = (() => {
      try {
        return statSync(file).size;
      } catch {
        return fail(`Cannot read the JWK Set file ${file}.`);
      }
    })();
    if (size > MAX_JWKS_FILE_BYTES) fail("The JWK Set file is larger than 256 KB.");
    jwksFileText = readFileSync(file, "utf8");
  }
  const result = await registerResearchClient({ name: values.name, ...(values["jwks-url"] !== undefined && { jwksUrl: values["jwks-url"] }), ...(jwksFileText !== undefined && { jwksFileText }) });
  if (!result.ok) fail(result.message.includes("exactly one") ? `${result.message}\n${USAGE}` : result.message);
  const { fhirBaseUrl, tokenUrl } = await import("../lib/fhir-server/urls");
  console.log(`Added research client "${values.name.trim()}".`);
  console.log(`client_id: ${result.id}`);
  console.log(`keys (kid): ${result.keyIds.join(", ")}`);
  console.log(`FHIR base: ${fhirBaseUrl()}   token endpoint: ${tokenUrl()}   scope: system/*.read or system/*.rs`);
  process.exit(0);
});
