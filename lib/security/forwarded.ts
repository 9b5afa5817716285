/**
 * Which address a request came from, decided once, by the portal's own HTTP server
 * (scripts/portal-server.ts) before Next.js sees the request. Framework-free, so that server and
 * the tests share it; the rest of the portal reads the result through clientAddress()
 * (lib/security/client-address.ts).
 *
 * Without a trusted proxy (TRUSTED_PROXY_HOPS=0, the default) the address is the socket's: a
 * client can write anything into X-Forwarded-For, and Next.js keeps what it wrote
 * (`x-forwarded-for ??= socket.remoteAddress`). Behind N proxies that each append the address
 * they saw, the address is the N-th entry from the right of X-Forwarded-For: entries further left
 * were written by the client and prove nothing.
 */
import { isIP } from "node:net";

/** Set by the portal's server on every request; any copy a client sent is removed first. */
export const CLIENT_ADDRESS_HEADER = "x-portal-client-address";

/** What clientAddress() answers when no trustworthy address is known. */
export const UNKNOWN_ADDRESS = "unknown";

/** The most proxies in front of the portal that TRUSTED_PROXY_HOPS may name. */
export const MAX_TRUSTED_PROXY_HOPS = 10;

/** Marks this process as served by the portal's server, so clientAddress() trusts the header. */
const SERVER_MARK = Symbol.for("enrollment-portal.client-address-server");

export function markClientAddressServer(): void {
  (globalThis as Record<symbol, unknown>)[SERVER_MARK] = true;
}

export function isClientAddressServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_MARK] === true;
}

/** An address as written by a socket or a proxy, normalized; null when it is not an IP address. */
export function normalizeAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let value = raw.trim();
  if (value.length === 0 || value.length > 64) return null;
  // "[2001:db8::1]:443" and "203.0.113.7:51234" (some proxies append the port)
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%[\w.-]+$/, ""); // an IPv6 zone id
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  const version = isIP(value);
  if (version === 0) return null;
  return version === 6 ? value.toLowerCase() : value;
}

/**
 * The client's address: the socket's when no proxy is trusted; otherwise the entry `hops` from
 * the right of X-Forwarded-For (all headers of that name, in order, as one list). When the list
 * is shorter than `hops` (the request did not pass every proxy), the leftmost entry a proxy wrote
 * is as far as anyone can see.
 */
export function resolveClientAddress({ socketAddress, forwardedFor, trustedHops }: { socketAddress: string | undefined; forwardedFor: string | string[] | undefined; trustedHops: number }): string {
  const socket = normalizeAddress(socketAddress) ?? UNKNOWN_ADDRESS;
  if (trustedHops <= 0) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return socket;
  const chosen = entries[Math.max(0, entries.length - trustedHops)];
  return normalizeAddress(chosen) ?? UNKNOWN_ADDRESS;
}

/**
 * The key rate limits count under: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so counting single addresses would let one client rotate).
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** TRUSTED_PROXY_HOPS as a number, or a plain sentence saying what is wrong with it. */
export function parseTrustedProxyHops(value: string | undefined): { ok: true; hops: number } | { ok: false; message: string } {
  if (value === undefined || value.trim() === "") return { ok: true, hops: 0 };
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > MAX_TRUSTED_PROXY_HOPS) {
    return { ok: false, message: `TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_TRUSTED_PROXY_HOPS} (the proxies in front of the portal)` };
  }
  return { ok: true, hops };
}

/**
 * What the portal's server does to each request's headers before Next.js sees them: any
 * client-sent copy of the address header (and X-Real-IP) is dropped, the decided address is set,
 * and with no proxy trusted X-Forwarded-For is overwritten with it (Next.js would keep the
 * client's). Returns the address.
 */
export function stampClientAddress(headers: Record<string, string | string[] | undefined>, socketAddress: string | undefined, trustedHops: number): string {
  const address = resolveClientAddress({ socketAddress, forwardedFor: headers["x-forwarded-for"], trustedHops });
  delete headers[CLIENT_ADDRESS_HEADER];
  delete headers["x-real-ip"];
  headers[CLIENT_ADDRESS_HEADER] = address;
  if (trustedHops === 0) headers["x-forwarded-for"] = address;
  return address;
}
