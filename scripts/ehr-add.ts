/**
 * npm run ehr:add -- <fhir-base-url> [--name "…"] [--per-participant] [--auth <method>]
 *                                     [--client-id … [--client-secret …]] [--confirm-change]
 *                                     [--max-in-flight N] [--requests-per-minute N|default]
 * Adds a health system: discovery, then RFC 7591 registration (or the client the EHR issued).
 * Added again, it keeps its client; when its endpoints, issuer, registration or client would
 * change, it lists the changes and changes nothing unless run again with --confirm-change.
 */
import { parseArgs } from "node:util";
import { operator } from "../lib/data/callers";
import { addHealthSystem } from "../lib/health-systems/add";
import { TOKEN_ENDPOINT_AUTH_METHODS, basicEncodingMatters, type TokenEndpointAuthMethod } from "../lib/smart";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";
import { politenessProblem, setEhrPoliteness, type EhrPoliteness } from "../lib/data/ehr-budget-settings";

/** --max-in-flight / --requests-per-minute: a whole number, or "default" (the EHR_* variable's value). */
function politenessOptions(inFlight?: string, perMinute?: string): EhrPoliteness | null {
  const parse = (flag: string, v: string) => (v === "default" ? null : /^\d+$/.test(v) ? Number(v) : fail(`${flag} must be a whole number or "default".`));
  if (inFlight === undefined && perMinute === undefined) return null;
  return {
    ...(inFlight !== undefined && { maxRequestsInFlight: parse("--max-in-flight", inFlight) }),
    ...(perMinute !== undefined && { requestsPerMinute: parse("--requests-per-minute", perMinute) }),
  };
}

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
      "confirm-change": { type: "boolean", default: false },
      "max-in-flight": { type: "string" },
      "requests-per-minute": { type: "string" },
    },
  });
  const [fhirBaseUrl] = positionals;
  if (!fhirBaseUrl || positionals.length > 1) fail('Usage: npm run ehr:add -- <fhir-base-url> [--name "Health system name"] [--per-participant] [--auth <method>] [--client-id … [--client-secret …]] [--confirm-change] [--max-in-flight N] [--requests-per-minute N|default]');
  if (values.auth && !TOKEN_ENDPOINT_AUTH_METHODS.includes(values.auth as TokenEndpointAuthMethod)) {
    fail(`--auth must be one of: ${TOKEN_ENDPOINT_AUTH_METHODS.join(", ")}.`);
  }
  const politeness = politenessOptions(values["max-in-flight"], values["requests-per-minute"]);
  const problem = politeness && politenessProblem(politeness);
  if (problem) fail(problem);
  const result = await addHealthSystem(operator("ehr:add"), {
    fhirBaseUrl,
    ...(values.name && { name: values.name }),
    ...(values["per-participant"] && { strategy: "per-participant" as const }),
    ...(values.auth && { authMethod: values.auth as TokenEndpointAuthMethod }),
    ...(values["client-id"] && { clientId: values["client-id"] }),
    ...(values["client-secret"] && { clientSecret: values["client-secret"] }),
    ...(values["confirm-change"] && { confirmChange: true as const }),
  });
  if (!result.ok && "confirm" in result) fail(`${result.message.replace("Confirm to apply exactly these changes.", "To apply them, run the same command again with --confirm-change.")}`);
  if (!result.ok) fail(`Could not add ${fhirBaseUrl}: ${result.message}`);
  if (result.changes.length > 0) console.log(`Changed (confirmed, and written to the audit log):\n  ${result.changes.join("\n  ")}`);
  const { healthSystem, registered } = result;
  if (politeness) {
    const set = await setEhrPoliteness(operator("ehr:add"), healthSystem.id, politeness);
    if (!set.ok) fail(set.message);
  }
  console.log(
    `Added "${healthSystem.name}" (${healthSystem.fhirBaseUrl}), ${healthSystem.registrationStrategy === "per-participant" ? "one registration per participant" : registered ? `registered as client ${healthSystem.clientId}` : `client ${healthSystem.clientId}`}.`,
  );
  const secret = values["client-secret"];
  if (secret && healthSystem.tokenEndpointAuthMethod === "client_secret_basic" && basicEncodingMatters(values["client-id"] ?? healthSystem.clientId ?? "", secret)) {
    console.warn(
      "Note: the client secret (or id) contains characters such as +, / or = that are encoded differently by different servers. " +
        "If the health system refuses the study's client when a participant connects, the portal tries once more the other way and remembers what works.",
    );
  }
  process.exit(0);
});
