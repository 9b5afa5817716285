import { describe, expect, it } from "vitest";
import { addressBucket, CLIENT_ADDRESS_HEADER, normalizeAddress, parseTrustedProxyHops, resolveClientAddress, stampClientAddress } from "./forwarded";

describe("resolveClientAddress", () => {
  it("uses the socket's address when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress({ socketAddress: "::ffff:198.51.100.9", forwardedFor: "203.0.113.1", trustedHops: 0 })).toBe("198.51.100.9");
    expect(resolveClientAddress({ socketAddress: "2001:DB8::1", forwardedFor: undefined, trustedHops: 0 })).toBe("2001:db8::1");
  });

  it.each([
    // one proxy appends what it saw: the rightmost entry; everything left of it is the client's claim
    ["203.0.113.66, 198.51.100.7", 1, "198.51.100.7"],
    ["forged, 203.0.113.66, 198.51.100.7", 2, "203.0.113.66"],
    [["forged", "203.0.113.66, 198.51.100.7"], 2, "203.0.113.66"],
    // fewer entries than proxies: the leftmost is as far as anyone can see
    ["198.51.100.7", 3, "198.51.100.7"],
    ["[2001:db8::5]:443, 198.51.100.7:5123", 2, "2001:db8::5"],
    ["junk", 1, "unknown"],
    ["", 1, "10.0.0.1"],
  ] as const)("X-Forwarded-For %j with %i trusted hops → %s", (forwardedFor, trustedHops, expected) => {
    expect(resolveClientAddress({ socketAddress: "10.0.0.1", forwardedFor: forwardedFor as string | string[], trustedHops })).toBe(expected);
  });

  it("answers unknown for a socket without an address", () => {
    expect(resolveClientAddress({ socketAddress: undefined, forwardedFor: "1.2.3.4", trustedHops: 0 })).toBe("unknown");
  });
});

describe("normalizeAddress and addressBucket", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    ["::FFFF:1.2.3.4", "1.2.3.4"],
    ["fe80::1%eth0", "fe80::1"],
    ["1.2.3", null],
    ["<script>", null],
    ["x".repeat(100), null],
  ])("%s → %s", (raw, expected) => expect(normalizeAddress(raw)).toBe(expected));

  it("counts IPv6 clients by their /64 and IPv4 clients by their address", () => {
    expect(addressBucket("2001:db8:0:1:aaaa::1")).toBe("2001:db8:0:1::/64");
    expect(addressBucket("2001:db8:0:1:bbbb:cccc:dddd:eeee")).toBe("2001:db8:0:1::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("198.51.100.7")).toBe("198.51.100.7");
  });
});

describe("parseTrustedProxyHops", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["2", 2],
  ])("%j → %i", (value, hops) => expect(parseTrustedProxyHops(value)).toEqual({ ok: true, hops }));

  it.each(["-1", "1.5", "eleven", "11"])("refuses %j with a sentence naming the variable", (value) => {
    const parsed = parseTrustedProxyHops(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^TRUSTED_PROXY_HOPS must be a whole number/);
  });
});

describe("stampClientAddress (what the portal's server does to every request)", () => {
  it("drops a client-sent address header and X-Real-IP, and with no proxy trusted overwrites X-Forwarded-For", () => {
    const headers: Record<string, string | string[] | undefined> = { [CLIENT_ADDRESS_HEADER]: "1.1.1.1", "x-real-ip": "2.2.2.2", "x-forwarded-for": "3.3.3.3" };
    expect(stampClientAddress(headers, "::ffff:198.51.100.9", 0)).toBe("198.51.100.9");
    expect(headers).toEqual({ [CLIENT_ADDRESS_HEADER]: "198.51.100.9", "x-forwarded-for": "198.51.100.9" });
  });

  it("behind one trusted proxy, takes the address it appended and leaves X-Forwarded-For as the proxy sent it", () => {
    const headers: Record<string, string | string[] | undefined> = { [CLIENT_ADDRESS_HEADER]: "1.1.1.1", "x-forwarded-for": "6.6.6.6, 203.0.113.66" };
    expect(stampClientAddress(headers, "10.0.0.2", 1)).toBe("203.0.113.66");
    expect(headers).toEqual({ [CLIENT_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "6.6.6.6, 203.0.113.66" });
  });
});
