/**
 * Which addresses the portal may call. Discovery documents come from the health system and are
 * untrusted: an endpoint could point at javascript:, at plain http, or at an internal service
 * (cloud metadata, the database, the admin network). Every endpoint passes these checks.
 */
import dns from "node:dns";
import { classifyAddress, isIpLiteral, type AddressClass } from "./ip-address";
import { fail, networkError, ok, timeoutError, urlPolicyError, type Result } from "./errors";

export interface UrlPolicy {
  /** Development: allow http:// and loopback addresses (the local sandbox). */
  allowHttpLoopback: boolean;
  /** Allow private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), e.g. an on-site EHR. */
  allowPrivateNetworks: boolean;
}

/** The production default: https to public addresses only. */
export const STRICT_URL_POLICY: UrlPolicy = { allowHttpLoopback: false, allowPrivateNetworks: false };

const METADATA_HOSTNAMES = new Set(["metadata.google.internal", "metadata.goog", "metadata"]);

/** May the portal connect to an address of this class? */
export function isAddressAllowed(address: string, policy: UrlPolicy): boolean {
  return isClassAllowed(classifyAddress(address), policy);
}

function isClassAllowed(kind: AddressClass, policy: UrlPolicy): boolean {
  if (kind === "public") return true;
  if (kind === "loopback") return policy.allowHttpLoopback;
  if (kind === "private") return policy.allowPrivateNetworks;
  return false;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost") || classifyAddress(hostname) === "loopback";
}

/**
 * Checks the form of an endpoint URL: http(s) only; https unless it is loopback http in
 * development; no user name or password; no fragment; IP literals must be allowed addresses.
 * Never echoes the URL in the problem (it could carry a password).
 */
export function checkEndpointUrl(url: string | URL, policy: UrlPolicy, what = "endpoint"): Result<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(urlPolicyError(`${what} is not a valid absolute URL`));
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return fail(urlPolicyError(`${what} uses the scheme ${parsed.protocol.slice(0, 20)}, which is not allowed`));
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return fail(urlPolicyError(`${what} contains a user name or password`));
  }
  if (parsed.hash !== "") return fail(urlPolicyError(`${what} contains a fragment`));
  if (parsed.protocol === "http:" && !(policy.allowHttpLoopback && isLoopbackHost(host))) {
    return fail(urlPolicyError(`${what} must use https (host ${host})`));
  }
  if (METADATA_HOSTNAMES.has(host)) return fail(urlPolicyError(`${what} points at a cloud metadata service`));
  if (isLoopbackHost(host) && !policy.allowHttpLoopback) {
    return fail(urlPolicyError(`${what} points at this machine (host ${host})`));
  }
  if (isIpLiteral(host) && !isAddressAllowed(host, policy)) {
    return fail(urlPolicyError(`${what} points at a ${classifyAddress(host)} address (host ${host})`));
  }
  return ok(parsed);
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), read from node:dns at each call. */
export const systemLookup: LookupAll = (hostname) =>
  new Promise((resolve, reject) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/**
 * Resolves a host name (all its addresses) and refuses it if any address is not allowed.
 * Returns the addresses. On its own this is a check at one moment; the transport closes DNS
 * rebinding by running it as the socket's own lookup (guarded-lookup.ts), so the addresses
 * checked are the addresses connected to.
 */
export async function resolvesToAllowedAddress(
  hostname: string,
  policy: UrlPolicy,
  options: { lookup?: LookupAll; timeoutMs?: number } = {},
): Promise<Result<string[]>> {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (METADATA_HOSTNAMES.has(host.replace(/\.$/, ""))) {
    return fail(urlPolicyError(`host ${host} is a cloud metadata service`));
  }
  let addresses: string[];
  if (isIpLiteral(host)) addresses = [host];
  else {
    const lookup = options.lookup ?? systemLookup;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), options.timeoutMs ?? 5_000);
    });
    try {
      const answer = await Promise.race([lookup(host), timeout]);
      if (answer === "timeout") return fail(timeoutError());
      addresses = answer.map((entry) => entry.address);
    } catch {
      return fail(networkError());
    } finally {
      clearTimeout(timer);
    }
  }
  if (addresses.length === 0) return fail(networkError());
  const refused = addresses.find((address) => !isAddressAllowed(address, policy));
  if (refused !== undefined) {
    return fail(urlPolicyError(`host ${host} resolves to a ${classifyAddress(refused)} address`));
  }
  return ok(addresses);
}
