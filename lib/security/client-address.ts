import "server-only";
import { CLIENT_ADDRESS_HEADER, UNKNOWN_ADDRESS, addressBucket, isClientAddressServer, normalizeAddress } from "./forwarded";

export { addressBucket, UNKNOWN_ADDRESS };

type HeaderSource = Request | Headers | { headers: Headers };

let warned = false;

/**
 * The address this request came from, as the portal's own server decided it (the socket's, or
 * the one TRUSTED_PROXY_HOPS proxies vouch for; see lib/security/forwarded.ts). Never read
 * X-Forwarded-For yourself: a client writes what it likes there.
 *
 *   clientAddress(request)            // a route handler's Request / NextRequest
 *   clientAddress(await headers())    // a server action or page (next/headers)
 *
 * Answers "unknown" when the process was not started by the portal's server (plain `next start`):
 * then no header can be trusted, and every client shares one "unknown" bucket: a limit counted
 * under it holds (too tightly), it is never bypassed. For a rate limit's key, use
 * addressBucket(clientAddress(…)) (IPv6 counted by /64).
 */
export function clientAddress(source: HeaderSource): string {
  if (!isClientAddressServer()) {
    if (!warned && process.env.NODE_ENV !== "test") {
      warned = true;
      console.error(JSON.stringify({ level: "warn", event: "client_address.unknown", message: "Not started by scripts/portal-server.ts (npm run start / npm run dev): client addresses are unknown, so per-address limits count every client together." }));
    }
    return UNKNOWN_ADDRESS;
  }
  const headers = source instanceof Headers ? source : source.headers;
  return normalizeAddress(headers.get(CLIENT_ADDRESS_HEADER)) ?? UNKNOWN_ADDRESS;
}
