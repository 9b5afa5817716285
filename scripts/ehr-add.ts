/**
 * npm run ehr:add -- <fhir-base-url> [--name "…"] [--per-participant] [--auth <method>]
 *                                     [--client-id … [--client-secret …]]
 * Adds a health system: discovery, then RFC 7591 registration (or the client the EHR issued).
 */
import { parseArgs } from "node:util";
import { operator } from "../lib/data/callers";
import { addHealthSystem } from "../lib/health-systems/add";
import { TOKEN_ENDPOINT_AUTH_METHODS, type TokenEndpointAuthMethod } from "../lib/smart";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";

runMain(async () => {
  loadEnv({ development: process.env.NODE_ENV !== "production" });
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      "per-participant": { type: "boolean", default: false },
      auth: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
    },
  });
  const [fhirBaseUrl] = positionals;
  if (!fhirBaseUrl || positionals.length > 1) fail('Usage: npm run ehr:add -- <fhir-base-url> [--name "Health system name"] [--per-participant]');
  if (values.auth && !TOKEN_ENDPOINT_AUTH_METHODS.includes(values.auth as TokenEndpointAuthMethod)) {
    fail(`--auth must be one of: ${TOKEN_ENDPOINT_AUTH_METHODS.join(", ")}.`);
  }
  const result = await addHealthSystem(operator("ehr:add"), {
    fhirBaseUrl,
    ...(values.name && { name: values.name }),
    strategy: values["per-participant"] ? "per-participant" : "shared",
    ...(values.auth && { authMethod: values.auth as TokenEndpointAuthMethod }),
    ...(values["client-id"] && { clientId: values["client-id"] }),
    ...(values["client-secret"] && { clientSecret: values["client-secret"] }),
  });
  if (!result.ok) fail(`Could not add ${fhirBaseUrl}: ${result.message}`);
  const { healthSystem, registered } = result;
  console.log(
    `Added "${healthSystem.name}" (${healthSystem.fhirBaseUrl}), ${healthSystem.registrationStrategy === "per-participant" ? "one registration per participant" : registered ? `registered as client ${healthSystem.clientId}` : `client ${healthSystem.clientId}`}.`,
  );
  process.exit(0);
});
