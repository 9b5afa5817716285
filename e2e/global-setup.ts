import { spawnSync } from "node:child_process";
import { E2E } from "./support/servers";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { addStaffAccounts } from "./support/staff";

/** Runs after the servers are up: adds the sandbox's health systems and the staff accounts to the e2e database. */
export default function globalSetup() {
  for (const hs of Object.values(HEALTH_SYSTEMS)) {
    const result = spawnSync("npm", ["run", "--silent", "ehr:add", "--", hs.fhirBaseUrl, "--name", hs.name, ...hs.args], {
      env: { ...process.env, ...E2E.portalEnv } as NodeJS.ProcessEnv,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`ehr:add ${hs.fhirBaseUrl} failed: ${result.stderr || result.stdout}`);
  }
  addStaffAccounts();
}
