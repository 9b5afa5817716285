/** Where each profile's endpoints live. `s4s` sits at the real server's paths; `smart-v2` under `/v2`. */
import type { SandboxConfig } from "../options";
import type { Profile } from "../state/model";

export interface ProfileEndpoints {
  profile: Profile;
  /** Path prefix of the OAuth endpoints, e.g. `/oauth` or `/v2/oauth`. */
  oauthPath: string;
  /** Path of the FHIR base, e.g. `/api/fhir`. */
  fhirPath: string;
  fhirBase: string;
  authorize: string;
  token: string;
  register: string;
  manage: string;
  revoke: string | null;
  introspect: string | null;
}

export function endpoints(config: SandboxConfig, profile: Profile): ProfileEndpoints {
  const oauthPath = profile === "s4s" ? "/oauth" : "/v2/oauth";
  const oauth = `${config.url}${oauthPath}`;
  return {
    profile,
    oauthPath,
    fhirPath: profile === "s4s" ? "/api/fhir" : "/v2/fhir",
    fhirBase: profile === "s4s" ? config.s4sFhirBase : config.v2FhirBase,
    authorize: `${oauth}/authorize`,
    token: `${oauth}/token`,
    register: `${oauth}/register`,
    manage: `${config.url}/apps`,
    revoke: profile === "s4s" ? null : `${oauth}/revoke`,
    introspect: profile === "s4s" ? null : `${oauth}/introspect`,
  };
}
