/** What the sandbox prints when it starts: URLs, fixture logins and the sandbox EHRs to register in the portal. */
import type { Deps } from "./deps";
import { displayName } from "./fixtures/facts";
import { syntheticUsername } from "./fixtures/synthetic";
import { FIXTURE_PASSWORD } from "./fixtures/people";

export function printBanner(deps: Deps, stateFile: string | undefined): void {
  const { config, directory, store } = deps;
  const logins = directory.fixtureUsers().map((u) => {
    const names = u.patientIds.map((id) => {
      const record = directory.patient(id);
      return `${record ? displayName(record.demographics) : id} (${id})`;
    });
    return `    ${u.username.padEnd(14)} ${FIXTURE_PASSWORD}   ${names.join(", ")}`;
  });
  const n = config.syntheticPatients;
  const counts = store.counts();
  const lines = [
    `S4S sandbox EHR listening on ${config.url} (loopback only)`,
    "",
    "  Sandbox EHRs to register in the portal:",
    `    S4S SMART Reference Server (DSTU2)   ${config.s4sFhirBase}`,
    `    SMART App Launch 2 (R4)              ${config.v2FhirBase}`,
    "",
    "  Endpoints:",
    `    s4s       register ${config.url}/oauth/register   authorize ${config.url}/oauth/authorize   token ${config.url}/oauth/token`,
    `    smart-v2  ${config.v2FhirBase}/.well-known/smart-configuration`,
    `    debug     ${config.url}/oauth/debug/token   ${config.url}/oauth/debug/introspect`,
    `    pages     ${config.url}/login   ${config.url}/apps`,
    ...(config.admin ? [`    admin     ${config.url}/_sandbox/ (faults, revoke, expire, stats)`] : []),
    ...(deps.mail ? [`    mail      SMTP smtp://127.0.0.1:${deps.mail.port}   inbox ${config.url}/_mail`] : []),
    "",
    "  Logins (username, password, patients):",
    ...logins,
    ...(n > 0 ? [`    ${syntheticUsername(1)} .. ${syntheticUsername(n)}  ${FIXTURE_PASSWORD}   one synthetic patient each (synthetic-NNNNNN)`] : []),
    "",
    `  State: ${stateFile ? `${stateFile} (${counts.clients} clients, ${counts.grants} grants)` : "memory only"}`,
    "",
  ];
  console.log(lines.join("\n"));
}
