/** Options for starting the sandbox, and the resolved configuration its parts share. */

export interface SandboxOptions {
  /** Port on the loopback interface; 0 picks a free port. Default 9000. */
  port?: number;
  /** Base URL the sandbox names itself by in every advertised URL. Default `http://localhost:<port>`. */
  publicUrl?: string;
  /** JSON file that keeps registrations and grants across restarts. Default: memory only. */
  stateFile?: string;
  /** Number of synthetic users and patients (`user-000001` … / `synthetic-000001` …). Default 0. */
  syntheticPatients?: number;
  /** Reproduce the real server's quirk: approving a client deletes every other grant of that client. */
  oneLiveAuthorizationPerClient?: boolean;
  /** Lifetime of access tokens in seconds. Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Serve the `/_sandbox/` admin and fault-injection API. Default true. */
  admin?: boolean;
  /** Do not print the startup banner. */
  quiet?: boolean;
  /** Clock in milliseconds since the epoch; tests inject one. Default `Date.now`. */
  now?: () => number;
}

export interface SandboxConfig {
  /** Public base URL without a trailing slash, e.g. `http://localhost:9000`. */
  url: string;
  s4sFhirBase: string;
  v2FhirBase: string;
  syntheticPatients: number;
  oneLiveAuthorizationPerClient: boolean;
  accessTokenLifetimeSeconds: number;
  admin: boolean;
  now: () => number;
}

export const MAX_SYNTHETIC_PATIENTS = 100_000;

export function resolveConfig(options: SandboxOptions, port: number): SandboxConfig {
  const url = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const synthetic = Math.trunc(options.syntheticPatients ?? 0);
  if (synthetic < 0 || synthetic > MAX_SYNTHETIC_PATIENTS) {
    throw new RangeError(`syntheticPatients must be between 0 and ${MAX_SYNTHETIC_PATIENTS}`);
  }
  const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
  if (!Number.isFinite(lifetime) || lifetime <= 0) {
    throw new RangeError("accessTokenLifetimeSeconds must be a positive number");
  }
  return {
    url,
    s4sFhirBase: `${url}/api/fhir`,
    v2FhirBase: `${url}/v2/fhir`,
    syntheticPatients: synthetic,
    oneLiveAuthorizationPerClient: options.oneLiveAuthorizationPerClient ?? false,
    accessTokenLifetimeSeconds: lifetime,
    admin: options.admin ?? true,
    now: options.now ?? Date.now,
  };
}
