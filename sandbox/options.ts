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
  /** Clinical resources per patient record (hand-made ones count toward it; never fewer than those). Default 60. */
  recordSize?: number;
  /** The most entries a search page holds; a larger `_count` is clamped. Default 50. */
  maxPageSize?: number;
  /** Reproduce the real server's quirk: approving a client deletes every other grant of that client. */
  oneLiveAuthorizationPerClient?: boolean;
  /** Lifetime of access tokens in seconds. Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Serve the `/_sandbox/` admin and fault-injection API. Default true. */
  admin?: boolean;
  /**
   * The mail catcher's SMTP port on 127.0.0.1 (0 picks a free one). Default: no mail catcher
   * (the CLI starts one on SANDBOX_SMTP_PORT, default 2525).
   */
  mailPort?: number;
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
  recordSize: number;
  maxPageSize: number;
  oneLiveAuthorizationPerClient: boolean;
  accessTokenLifetimeSeconds: number;
  admin: boolean;
  now: () => number;
}

export const MAX_SYNTHETIC_PATIENTS = 100_000;
export const MAX_RECORD_SIZE = 20_000;
export const MAX_PAGE_SIZE_LIMIT = 1000;

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

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
    recordSize: wholeNumber("recordSize", options.recordSize ?? 60, 0, MAX_RECORD_SIZE),
    maxPageSize: wholeNumber("maxPageSize", options.maxPageSize ?? 50, 1, MAX_PAGE_SIZE_LIMIT),
    oneLiveAuthorizationPerClient: options.oneLiveAuthorizationPerClient ?? false,
    accessTokenLifetimeSeconds: lifetime,
    admin: options.admin ?? true,
    now: options.now ?? Date.now,
  };
}
