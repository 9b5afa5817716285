/**
 * The URL policy at the socket: a `lookup` for node:net that resolves the host name, refuses it
 * unless every address it resolves to is allowed, and hands the socket only checked addresses.
 * Checking a name and letting the connection resolve it again would let DNS answer differently
 * the second time (DNS rebinding); here the check and the connection use the same answer.
 */
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { resolvesToAllowedAddress, type LookupAll, type UrlPolicy } from "./url-policy";

/** The error code of a connection refused by the URL policy (the transport reports kind "refused"). */
export const URL_POLICY_REFUSED = "EHR_URL_POLICY";

const LOOKUP_TIMEOUT_MS = 5_000;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A node:net `lookup` that applies `policy` to every address `resolve` answers for the host. */
export function guardedLookup(policy: UrlPolicy, resolve?: LookupAll): LookupFunction {
  const lookup = (hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback) => {
    void resolvesToAllowedAddress(hostname, policy, { ...(resolve && { lookup: resolve }), timeoutMs: LOOKUP_TIMEOUT_MS }).then((resolved) => {
      if (!resolved.ok) {
        const refused = resolved.error.kind === "url-policy";
        const error: NodeJS.ErrnoException = new Error(resolved.error.kind === "url-policy" ? resolved.error.problem : `could not resolve ${hostname}`);
        error.code = refused ? URL_POLICY_REFUSED : "ENOTFOUND";
        return callback(error, []);
      }
      const wanted = options.family === 6 || options.family === "IPv6" ? 6 : options.family === 4 || options.family === "IPv4" ? 4 : 0;
      const addresses = resolved.value
        .map((address) => ({ address, family: address.includes(":") ? 6 : 4 }))
        .filter((entry) => wanted === 0 || entry.family === wanted);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address of family ${wanted}`), { code: "ENOTFOUND" }), []);
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
  return lookup as unknown as LookupFunction;
}
