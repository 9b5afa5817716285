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

function classifyIPv6(g: number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  const upper5Zero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upper5Zero && g5 === 0xffff) return classifyIPv4(embedded); // IPv4-mapped ::ffff:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return classifyIPv4(embedded); // NAT64 64:ff9b::/96
  }
  if (g0 === 0x2002) return classifyIPv4([g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff]); // 6to4
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
