/** The health systems every e2e run starts with, added the way an admin would (npm run ehr:add). */
import { E2E } from "./servers";

export const HEALTH_SYSTEMS = {
  s4s: { name: "S4S Reference Hospital", fhirBaseUrl: `${E2E.sandboxUrl}/api/fhir`, args: [] as string[] },
  v2: { name: "SMART v2 Health Clinic", fhirBaseUrl: `${E2E.sandboxUrl}/v2/fhir`, args: [] as string[] },
  privateKeyJwt: { name: "Private Key Clinic", fhirBaseUrl: `${E2E.oneLiveSandboxUrl}/v2/fhir`, args: ["--auth", "private_key_jwt"] },
  oneLive: { name: "One Live Authorization Hospital", fhirBaseUrl: `${E2E.oneLiveSandboxUrl}/api/fhir`, args: ["--per-participant"] },
};
