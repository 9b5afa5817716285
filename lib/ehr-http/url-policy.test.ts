import { describe, expect, it } from "vitest";
import { classifyAddress, type AddressClass } from "./ip-address";
import { checkEndpointUrl, isAddressAllowed, resolvesToAllowedAddress, STRICT_URL_POLICY, type UrlPolicy } from "./url-policy";

const DEV: UrlPolicy = { allowHttpLoopback: true, allowPrivateNetworks: false };
const ON_SITE: UrlPolicy = { allowHttpLoopback: false, allowPrivateNetworks: true };

describe("classifyAddress", () => {
  it.each<[string, AddressClass]>([
    ["93.184.215.14", "public"],
    ["8.8.8.8", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.255", "private"],
    ["100.128.0.1", "public"],
    ["169.254.1.1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["100.100.100.200", "metadata"],
    ["168.63.129.16", "metadata"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "reserved"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.5", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fd00:ec2::254", "metadata"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2606:4700:4700::1111", "public"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:93.184.215.14", "public"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:0a00:0001::1", "private"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  // Issue #16: IPv6 forms that carry an IPv4 address are as public as the address they carry.
  it.each<[string, string, AddressClass]>([
    ["mapped ::ffff:0:0/96", "::ffff:7f00:1", "loopback"],
    ["mapped ::ffff:0:0/96", "::ffff:5db8:d70e", "public"],
    ["SIIT ::ffff:0:0:0/96", "::ffff:0:127.0.0.1", "loopback"],
    ["SIIT ::ffff:0:0:0/96", "::ffff:0:a9fe:a9fe", "metadata"],
    ["SIIT ::ffff:0:0:0/96", "::ffff:0:10.1.2.3", "private"],
    ["SIIT ::ffff:0:0:0/96", "::ffff:0:93.184.215.14", "public"],
    ["NAT64 64:ff9b::/96", "64:ff9b::127.0.0.1", "loopback"],
    ["NAT64 64:ff9b::/96", "64:ff9b::93.184.215.14", "public"],
    ["local NAT64 64:ff9b:1::/48, /96 layout", "64:ff9b:1::127.0.0.1", "loopback"],
    ["local NAT64 64:ff9b:1::/48, /96 layout", "64:ff9b:1:abcd::169.254.169.254", "metadata"],
    ["local NAT64 64:ff9b:1::/48, /96 layout", "64:ff9b:1::93.184.215.14", "public"],
    ["local NAT64 64:ff9b:1::/48, /48 layout", "64:ff9b:1:7f00:0:100::", "loopback"],
    ["local NAT64 64:ff9b:1::/48, /64 layout", "64:ff9b:1:0:0a:0:100::", "private"],
    ["6to4 2002::/16", "2002:7f00:1::1", "loopback"],
    ["6to4 2002::/16", "2002:a9fe:a9fe::", "metadata"],
    ["6to4 2002::/16", "2002:5db8:d70e::1", "public"],
    ["Teredo 2001::/32 (client inverted)", "2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"],
    ["Teredo 2001::/32 (client inverted)", "2001:0:4136:e378:8000:63bf:f5fe:fffe", "private"],
    ["Teredo 2001::/32 (client inverted)", "2001:0:4136:e378:8000:63bf:a247:28f1", "public"],
  ])("%s: %s is %s", (_form, address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each<[string, AddressClass]>([
    ["::127.0.0.1", "reserved"],
    ["256.1.1.1", "invalid"],
    ["1.2.3", "invalid"],
    ["1::2::3", "invalid"],
    ["1:2:3:4:5:6:7:8:9", "invalid"],
    ["gggg::1", "invalid"],
    ["example.org", "invalid"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe("isAddressAllowed", () => {
  it.each<[string, UrlPolicy, boolean]>([
    ["93.184.215.14", STRICT_URL_POLICY, true],
    ["127.0.0.1", STRICT_URL_POLICY, false],
    ["127.0.0.1", DEV, true],
    ["::ffff:127.0.0.1", DEV, true],
    ["10.0.0.1", DEV, false],
    ["10.0.0.1", ON_SITE, true],
    ["fd00:ec2::254", ON_SITE, false],
    ["169.254.169.254", { allowHttpLoopback: true, allowPrivateNetworks: true }, false],
    ["fe80::1", { allowHttpLoopback: true, allowPrivateNetworks: true }, false],
    ["0.0.0.0", DEV, false],
  ])("%s under %j → %s", (address, policy, expected) => {
    expect(isAddressAllowed(address, policy)).toBe(expected);
  });
});

describe("checkEndpointUrl", () => {
  it.each<[string, UrlPolicy, string | null]>([
    ["https://ehr.example.org/oauth/token", STRICT_URL_POLICY, null],
    ["https://ehr.example.org:8443/token?x=1", STRICT_URL_POLICY, null],
    ["http://ehr.example.org/oauth/token", STRICT_URL_POLICY, "must use https"],
    ["http://ehr.example.org/oauth/token", DEV, "must use https"],
    ["http://localhost:9000/oauth/token", DEV, null],
    ["http://127.0.0.1:9000/oauth/token", DEV, null],
    ["http://[::1]:9000/oauth/token", DEV, null],
    ["http://localhost:9000/oauth/token", STRICT_URL_POLICY, "must use https"],
    ["https://localhost/oauth/token", STRICT_URL_POLICY, "points at this machine"],
    ["javascript:alert(1)", STRICT_URL_POLICY, "scheme javascript:"],
    ["file:///etc/passwd", DEV, "scheme file:"],
    ["data:text/html,hi", STRICT_URL_POLICY, "scheme data:"],
    ["https://user:secret@ehr.example.org/token", STRICT_URL_POLICY, "user name or password"],
    ["https://ehr.example.org/token#frag", STRICT_URL_POLICY, "fragment"],
    ["https://169.254.169.254/latest/meta-data", STRICT_URL_POLICY, "metadata address"],
    ["https://[fd00:ec2::254]/", ON_SITE, "metadata address"],
    ["https://10.0.0.5/token", STRICT_URL_POLICY, "private address"],
    ["https://10.0.0.5/token", ON_SITE, null],
    ["https://0x7f.1/token", STRICT_URL_POLICY, "points at this machine"],
    ["https://metadata.google.internal/computeMetadata", STRICT_URL_POLICY, "cloud metadata"],
    ["not a url", STRICT_URL_POLICY, "not a valid absolute URL"],
    ["/relative/token", STRICT_URL_POLICY, "not a valid absolute URL"],
  ])("%s", (url, policy, problem) => {
    const result = checkEndpointUrl(url, policy);
    if (problem === null) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, error: { kind: "url-policy", problem: expect.stringContaining(problem) } });
  });

  it("does not echo a password in the problem", () => {
    const result = checkEndpointUrl("https://user:hunter2@ehr.example.org/", STRICT_URL_POLICY);
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });
});

describe("resolvesToAllowedAddress", () => {
  const lookupOf = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it.each<[string, string[], UrlPolicy, string]>([
    ["public addresses", ["93.184.215.14", "2606:4700::1"], STRICT_URL_POLICY, "ok"],
    ["one private address among public ones", ["93.184.215.14", "10.0.0.7"], STRICT_URL_POLICY, "url-policy"],
    ["the metadata service", ["169.254.169.254"], ON_SITE, "url-policy"],
    ["IPv4-mapped loopback", ["::ffff:127.0.0.1"], STRICT_URL_POLICY, "url-policy"],
    ["loopback in development", ["127.0.0.1", "::1"], DEV, "ok"],
    ["no addresses", [], STRICT_URL_POLICY, "network"],
  ])("%s", async (_name, addresses, policy, expected) => {
    const result = await resolvesToAllowedAddress("ehr.example.org", policy, { lookup: lookupOf(...addresses) });
    expect(result.ok ? "ok" : result.error.kind).toBe(expected);
  });

  it("refuses metadata host names without looking them up", async () => {
    const result = await resolvesToAllowedAddress("metadata.google.internal", ON_SITE, { lookup: lookupOf("93.184.215.14") });
    expect(result).toMatchObject({ ok: false, error: { kind: "url-policy" } });
  });

  it("reports a failed lookup as a network error and a hanging one as a timeout", async () => {
    const failed = await resolvesToAllowedAddress("nx.example", STRICT_URL_POLICY, { lookup: () => Promise.reject(new Error("ENOTFOUND")) });
    const hung = await resolvesToAllowedAddress("slow.example", STRICT_URL_POLICY, { lookup: () => new Promise(() => {}), timeoutMs: 20 });
    expect([failed.ok || failed.error.kind, hung.ok || hung.error.kind]).toEqual(["network", "timeout"]);
  });

  it("classifies IP literals without DNS", async () => {
    const result = await resolvesToAllowedAddress("[::1]", DEV, { lookup: () => Promise.reject(new Error("no DNS")) });
    expect(result).toEqual({ ok: true, value: ["::1"] });
  });
});
