/**
 * Classifying IP addresses, so the portal never talks to an internal address because a health
 * system's discovery document (or DNS) pointed it there. Pure; tested with a table.
 */

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "invalid";

/** Cloud metadata services, refused even where private networks are allowed. */
const METADATA_V4 = new Set(["169.254.169.254", "100.100.100.200", "168.63.129.16"]);
const METADATA_V6 = new Set(["fd00:ec2:0:0:0:0:0:254"]);

export function parseIPv4(text: string): number[] | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return undefined;
  const octets = text.split(".").map(Number);
  return octets.every((n) => n <= 255) ? octets : undefined;
}

/** Eight 16-bit groups, or undefined. Accepts "::", a zone ("%eth0") and an IPv4 tail. */
export function parseIPv6(input: string): number[] | undefined {
  let text = input.replace(/^\[|\]$/g, "");
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (text.includes(".")) {
    const cut = text.lastIndexOf(":");
    const v4 = parseIPv4(text.slice(cut + 1));
    if (!v4) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    text = `${text.slice(0, cut + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const toGroups = (part: string | undefined) => (part ? part.split(":") : []);
  const head = toGroups(halves[0]);
  const tail = toGroups(halves[1]);
  const groups = [...head, ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  if (halves.length === 1 && groups.length !== 8) return undefined;
  if (halves.length === 2 && groups.length > 7) return undefined;
  const zeros = new Array<string>(8 - groups.length).fill("0");
  return [...head, ...(halves.length === 2 ? zeros : []), ...tail].map((g) => parseInt(g, 16));
}

function classifyIPv4([a = 0, b = 0, c = 0, d = 0]: number[]): AddressClass {
  if (METADATA_V4.has(`${a}.${b}.${c}.${d}`)) return "metadata";
  if (a === 0) return "unspecified";
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 100 && b >= 64 && b <= 127) return "private"; // CGNAT 100.64/10
  if (a === 169 && b === 254) return "link-local";
  if (a >= 224 && a <= 239) return "multicast";
  if (a >= 240) return "reserved"; // 240/4 and the broadcast address
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return "reserved"; // IETF, TEST-NET-1
  if ((a === 198 && (b === 18 || b === 19)) || (a === 198 && b === 51 && c === 100)) return "reserved";
  if (a === 203 && b === 0 && c === 113) return "reserved"; // TEST-NET-3
  return "public";
}

const v4From = (high: number, low: number): number[] => [high >> 8, high & 0xff, low >> 8, low & 0xff];

/**
 * RFC 6052 §2.2 layouts of an IPv4 address in a NAT64 prefix of /48, /56, /64 and /96 (byte
 * indexes): bits 64–71 (byte 8) are zero, as is everything after the IPv4 address. A layout
 * whose zero bytes are not zero cannot be the one in use; a /96 layout always can.
 */
const NAT64_LAYOUTS = [
  { v4: [6, 7, 9, 10], zero: [8, 11, 12, 13, 14, 15] },
  { v4: [7, 9, 10, 11], zero: [8, 12, 13, 14, 15] },
  { v4: [9, 10, 11, 12], zero: [8, 13, 14, 15] },
  { v4: [12, 13, 14, 15], zero: [] },
];

/** The first class that is not public, else "public": an address is as dangerous as its worst reading. */
function worstOf(classes: AddressClass[]): AddressClass {
  return classes.find((c) => c !== "public") ?? "public";
}

/**
 * The IPv4 address an IPv6 form carries, classified, or undefined when it carries none. Each form
 * reaches (or translates to) that IPv4 address, so it is exactly as public as the address is:
 * mapped ::ffff:0:0/96, SIIT ::ffff:0:0:0/96, NAT64 64:ff9b::/96 (RFC 6052) and the local-use
 * 64:ff9b:1::/48 (RFC 8215, whose operator chooses where the IPv4 sits: every RFC 6052 position
 * is read and the worst wins), 6to4 2002::/16, and Teredo 2001::/32 (the client's IPv4, stored
 * inverted in the last 32 bits).
 */
function embeddedIPv4Class(g: number[]): AddressClass | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const upper4Zero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (upper4Zero && g4 === 0 && g5 === 0xffff) return classifyIPv4(v4From(g6, g7)); // mapped
  if (upper4Zero && g4 === 0xffff && g5 === 0) return classifyIPv4(v4From(g6, g7)); // SIIT translated
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIPv4(v4From(g6, g7)); // NAT64
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) {
    const bytes = g.flatMap((x) => [x >> 8, x & 0xff]);
    const readings = NAT64_LAYOUTS.filter((l) => l.zero.every((i) => bytes[i] === 0)).map((l) => classifyIPv4(l.v4.map((i) => bytes[i] ?? 0)));
    return worstOf(readings);
  }
  if (g0 === 0x2002) return classifyIPv4(v4From(g1, g2)); // 6to4
  if (g0 === 0x2001 && g1 === 0) return classifyIPv4(v4From(~g6 & 0xffff, ~g7 & 0xffff)); // Teredo client
  return undefined;
}

function classifyIPv6(g: number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const upper5Zero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  const embedded = embeddedIPv4Class(g);
  if (embedded !== undefined) return embedded;
  if (METADATA_V6.has(g.map((x) => x.toString(16)).join(":"))) return "metadata";
  if (upper5Zero && g5 === 0 && g6 === 0) {
    if (g7 === 0) return "unspecified";
    if (g7 === 1) return "loopback";
  }
  if (upper5Zero && g5 === 0) return "reserved"; // deprecated IPv4-compatible ::a.b.c.d
  if ((g0 & 0xffc0) === 0xfe80) return "link-local";
  if ((g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfec0) return "private"; // ULA, site-local
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  if (g0 === 0x2001 && g1 === 0x0db8) return "reserved"; // documentation
  return "public";
}

/** What kind of address this is. Works on IPv4, IPv6 (bracketed or not) and IPv4-mapped IPv6. */
export function classifyAddress(address: string): AddressClass {
  const v4 = parseIPv4(address);
  if (v4) return classifyIPv4(v4);
  const v6 = address.includes(":") ? parseIPv6(address) : undefined;
  return v6 ? classifyIPv6(v6) : "invalid";
}

export function isIpLiteral(host: string): boolean {
  return classifyAddress(host) !== "invalid";
}
