/**
 * Step 2 of the walkthrough, first half: find the health system's authorization endpoints.
 * Tries `{base}/.well-known/smart-configuration` first (SMART 2.x); on any non-200 or unusable
 * answer falls back to `{base}/metadata` (the S4S server answers 401 at .well-known and only
 * has the Conformance `oauth-uris` extension). Every endpoint found must pass the URL policy.
 * `.well-known` does not say which FHIR version the server speaks, so after it the portal also
 * reads `{base}/metadata` for `fhirVersion` (best effort: without it discovery still succeeds).
 */
import {
  fromCapabilityStatement,
  fromSmartConfiguration,
  type SmartConfiguration,
} from "./discovery-documents";
import { z } from "zod";
import { requestJson, type HttpOptions } from "./http";
import { fail, ok, urlPolicyError, type Result } from "./result";
import {
  STRICT_URL_POLICY,
  checkEndpointUrl,
  resolvesToAllowedAddress,
  type LookupAll,
  type UrlPolicy,
} from "../ehr-http/url-policy";

export type { SmartConfiguration } from "./discovery-documents";

export interface DiscoverOptions extends HttpOptions {
  /** Default: STRICT_URL_POLICY (https, public addresses only). */
  policy?: UrlPolicy;
  /** DNS lookup used to check that every host resolves to allowed addresses (injected in tests). */
  lookup?: LookupAll;
}

const FHIR_JSON = "application/fhir+json, application/json+fhir;q=0.9, application/json;q=0.8";

/**
 * Discovers a health system's SMART configuration from its FHIR base URL. A discovery document
 * whose endpoints break the URL policy is refused outright (no fallback): it is hostile or broken.
 * Worst-case time is about two request timeouts plus DNS lookups.
 */
export async function discover(fhirBaseUrl: string, options: DiscoverOptions = {}): Promise<Result<SmartConfiguration>> {
  const policy = options.policy ?? STRICT_URL_POLICY;
  const checked = checkEndpointUrl(fhirBaseUrl, policy, "the FHIR base URL");
  if (!checked.ok) return checked;
  if (checked.value.search !== "") return fail(urlPolicyError("the FHIR base URL must not have a query"));
  const base = checked.value.href.replace(/\/+$/, "");
  const hosts = new Set<string>();
  const hostAllowed = await checkHost(checked.value.hostname, hosts, policy, options);
  if (!hostAllowed.ok) return hostAllowed;

  const found = await fromWellKnown(base, policy, options);
  const discovered = found.ok || found.error.kind === "url-policy" ? found : await fromMetadata(base, policy, options, found);
  if (!discovered.ok) return discovered;
  let config = discovered;
  if (config.value.fhirVersion === undefined) {
    const fhirVersion = await fhirVersionFromMetadata(base, options);
    if (fhirVersion !== undefined) config = { ok: true, value: { ...config.value, fhirVersion } };
  }

  const c = config.value;
  const endpoints = [c.authorizationEndpoint, c.tokenEndpoint, c.registrationEndpoint, c.revocationEndpoint, c.introspectionEndpoint];
  for (const endpoint of endpoints) {
    if (endpoint === undefined) continue;
    const allowed = await checkHost(new URL(endpoint).hostname, hosts, policy, options);
    if (!allowed.ok) return allowed;
  }
  return config;
}

async function fromWellKnown(base: string, policy: UrlPolicy, options: HttpOptions): Promise<Result<SmartConfiguration>> {
  const response = await requestJson(`${base}/.well-known/smart-configuration`, { headers: { Accept: "application/json" } }, options);
  if (!response.ok) return response;
  return fromSmartConfiguration(response.value.body, base, policy);
}

async function fromMetadata(
  base: string,
  policy: UrlPolicy,
  options: HttpOptions,
  earlier: Result<SmartConfiguration>,
): Promise<Result<SmartConfiguration>> {
  const response = await requestJson(`${base}/metadata`, { headers: { Accept: FHIR_JSON } }, options);
  const config = response.ok ? fromCapabilityStatement(response.value.body, base, policy) : response;
  // When both fail, prefer a passing failure of the first (worth retrying) to a lasting one.
  if (!config.ok && !config.error.transient && !earlier.ok && earlier.error.transient) return earlier;
  return config;
}

const VersionOnly = z.object({ resourceType: z.enum(["CapabilityStatement", "Conformance"]), fhirVersion: z.string().min(1).max(32) });

/** The `fhirVersion` of the server's CapabilityStatement (or DSTU2 Conformance), or undefined on any failure. */
async function fhirVersionFromMetadata(base: string, options: HttpOptions): Promise<string | undefined> {
  const response = await requestJson(`${base}/metadata`, { headers: { Accept: FHIR_JSON } }, options);
  if (!response.ok) return undefined;
  const parsed = VersionOnly.safeParse(response.value.body);
  return parsed.success && /^[0-9A-Za-z.\-]+$/.test(parsed.data.fhirVersion) ? parsed.data.fhirVersion : undefined;
}

async function checkHost(hostname: string, seen: Set<string>, policy: UrlPolicy, options: DiscoverOptions): Promise<Result<null>> {
  if (seen.has(hostname)) return ok(null);
  seen.add(hostname);
  const resolved = await resolvesToAllowedAddress(hostname, policy, {
    ...(options.lookup && { lookup: options.lookup }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  return resolved.ok ? ok(null) : resolved;
}
