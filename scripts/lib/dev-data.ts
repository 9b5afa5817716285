/**
 * What `npm run dev` sets up beyond migrations: a study staff admin account for the dashboard
 * (a fresh password each start, printed), and the sandbox's two profiles as health systems
 * (once; later starts only check their registrations, as every start of the portal does).
 */
import { randomBytes } from "node:crypto";
import type { Env } from "../../lib/config/env-schema";
import { operator } from "../../lib/data/callers";
import { listHealthSystems } from "../../lib/data/health-systems";
import { addHealthSystem } from "../../lib/health-systems/add";
import { verifyRegistrations } from "../../lib/health-systems/verify";
import { createStaffUser, resetStaffPassword } from "../../lib/data/staff-accounts";

export const DEV_STAFF_EMAIL = "admin@dashboard.localhost";

/** The development admin: created once, given a new random password on every start. */
export async function prepareDevelopmentStaff(portalUrl: string): Promise<void> {
  const password = randomBytes(12).toString("base64url");
  const created = await createStaffUser({ email: DEV_STAFF_EMAIL, role: "admin", password });
  if (!created.ok) await resetStaffPassword(DEV_STAFF_EMAIL, password);
  console.log(`Study staff dashboard: ${portalUrl}/staff/sign-in  email ${DEV_STAFF_EMAIL}  password ${password}  (admin; new password each start)`);
}

export const SANDBOX_HEALTH_SYSTEMS = (sandboxUrl: string) => [
  { fhirBaseUrl: `${sandboxUrl}/api/fhir`, name: "S4S Reference Hospital (sandbox)" },
  { fhirBaseUrl: `${sandboxUrl}/v2/fhir`, name: "SMART v2 Health Clinic (sandbox)" },
];

export async function prepareDevelopmentData(env: Env): Promise<void> {
  const existing = new Set((await listHealthSystems()).map((h) => h.fhirBaseUrl));
  for (const hs of SANDBOX_HEALTH_SYSTEMS(env.SANDBOX_URL)) {
    if (existing.has(hs.fhirBaseUrl)) continue;
    const result = await addHealthSystem(operator("dev"), hs);
    console.log(result.ok ? `Added health system "${hs.name}" (${hs.fhirBaseUrl}).` : `Could not add ${hs.name}: ${result.message}`);
  }
  await verifyRegistrations();
}
