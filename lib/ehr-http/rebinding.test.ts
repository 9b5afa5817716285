/**
 * Finding 7 of issue #16: the URL policy must hold for the address the socket connects to, not
 * for an earlier lookup of the name. A resolver (injected, no real DNS) answers a public address
 * for the first lookup of a name and 127.0.0.1 for every later one, as a rebinding attacker's DNS
 * would. The same resolver stands in for the system's (node:dns lookup), so a connection that
 * resolves the name on its own also meets the rebinding. Under the strict production policy no
 * request to the EHR may reach the loopback listener.
 */
import dns, { type LookupAddress } from "node:dns";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { readPatient } from "../fhir/reader";
import { discover, exchangeCode, refresh, register, revoke, STRICT_URL_POLICY, resolvesToAllowedAddress, type LookupAll, type SmartConfiguration } from "../smart";
import { send } from "./node-transport";
import { startTcpServer, startTestServer } from "./test-server";

const PUBLIC = "93.184.215.14";
const HOST = "ehr.rebind.test";

let listener: Awaited<ReturnType<typeof startTcpServer>>;
let reached = 0;
let lookups = 0;
/** First lookup: a public address; every later lookup: loopback. */
const rebinding: LookupAll = async () => [{ address: lookups++ === 0 ? PUBLIC : "127.0.0.1", family: 4 }];

beforeAll(async () => {
  listener = await startTcpServer((socket) => {
    reached++;
    socket.destroy();
  });
});
afterAll(() => listener.close());

const base = () => `https://${HOST}:${listener.port}`;
const strict = () => ({ policy: STRICT_URL_POLICY, lookup: rebinding, timeoutMs: 2_000 });
const config = (): SmartConfiguration => ({
  fhirBaseUrl: `${base()}/fhir`,
  authorizationEndpoint: `${base()}/authorize`,
  tokenEndpoint: `${base()}/token`,
  registrationEndpoint: `${base()}/register`,
  revocationEndpoint: `${base()}/revoke`,
  capabilities: [],
  codeChallengeMethods: ["S256"],
  scopesSupported: [],
  tokenEndpointAuthMethods: [],
  grantTypes: [],
  source: "smart-configuration",
});
const client = { clientId: "c1", clientSecret: "s1", tokenEndpointAuthMethod: "client_secret_basic" as const };

/** The check made once, when the health system was added: the name then resolved to a public address. */
async function checkedOnce(): Promise<void> {
  expect((await resolvesToAllowedAddress(HOST, STRICT_URL_POLICY, { lookup: rebinding })).ok).toBe(true);
}

describe("the URL policy at the socket (finding 7, DNS rebinding)", () => {
  beforeEach(() => {
    reached = 0;
    lookups = 0;
    // What a connection that looks the name up by itself gets: the same rebinding answers.
    vi.spyOn(dns, "lookup").mockImplementation(((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
      const done = typeof options === "function" ? (options as typeof callback) : callback;
      const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all === true;
      void rebinding(hostname).then((answer: LookupAddress[]) => (all ? done(null, answer) : done(null, answer[0]!.address, answer[0]!.family)));
    }) as unknown as typeof dns.lookup);
  });
  afterEach(() => vi.restoreAllMocks());

  it("discovery never connects to 127.0.0.1 when the FHIR host's name rebinds after its check", async () => {
    const result = await discover(`${base()}/fhir`, strict());
    expect(reached).toBe(0);
    expect(result.ok || result.error.kind).toBe("url-policy");
    expect(lookups).toBeGreaterThanOrEqual(2);
  });

  it.each<[string, () => Promise<{ ok: boolean; error?: { kind: string } }>]>([
    ["registration", () => register(config(), { clientName: "study", redirectUris: ["https://portal.example/cb"], scope: "launch/patient", ...strict() })],
    ["the code exchange", () => exchangeCode({ config: config(), client, code: "c", redirectUri: "https://portal.example/cb", codeVerifier: "v".repeat(43), ...strict() })],
    ["a refresh", () => refresh({ config: config(), client, refreshToken: "r", ...strict() })],
    ["a revocation", () => revoke({ config: config(), client, token: "r", ...strict() })],
    ["a FHIR read", () => readPatient({ fhirBaseUrl: `${base()}/fhir`, patientId: "p1", accessToken: "t", ...strict() })],
  ])("%s never connects to 127.0.0.1 when the EHR's name rebinds after it was checked", async (_what, request) => {
    await checkedOnce();
    const result = await request();
    expect(reached).toBe(0);
    expect(result.ok).toBe(false);
    expect(["url-policy", "invalid-response"]).toContain(result.error?.kind);
  });
});

describe("the checked lookup", () => {
  it("connects to the address the resolver answered when the policy allows it, and says why it refuses", async () => {
    const server = await startTestServer({ "/ok": (_req, res) => res.end("fine") });
    const port = new URL(server.url).port;
    const loopback: LookupAll = async () => [{ address: "127.0.0.1", family: 4 }];
    const limits = { timeoutMs: 2_000, maxBytes: 1_000 };
    try {
      const allowed = await send(`http://sandbox.localhost:${port}/ok`, { method: "GET" }, limits, { policy: { allowHttpLoopback: true, allowPrivateNetworks: false }, resolve: loopback });
      expect(allowed).toMatchObject({ ok: true, status: 200, text: "fine" });
      const refused = await send(`https://${HOST}:${port}/ok`, { method: "GET" }, limits, { policy: STRICT_URL_POLICY, resolve: loopback });
      expect(refused).toMatchObject({ ok: false, kind: "refused" });
      const privateAddress: LookupAll = async () => [{ address: "127.0.0.1", family: 4 }, { address: "10.0.0.7", family: 4 }];
      const mixed = await send(`http://sandbox.localhost:${port}/ok`, { method: "GET" }, limits, { policy: { allowHttpLoopback: true, allowPrivateNetworks: false }, resolve: privateAddress });
      expect(mixed).toMatchObject({ ok: false, kind: "refused" });
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
