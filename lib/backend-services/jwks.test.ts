import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../ehr-http/test-server";
import { cacheSeconds, fetchJwks, parseJwks } from "./jwks";

const EC = { kty: "EC", crv: "P-384", kid: "k1", x: "AAAA", y: "BBBB" };
const LOOPBACK = { allowHttpLoopback: true, allowPrivateNetworks: false };
const STRICT = { allowHttpLoopback: false, allowPrivateNetworks: false };

describe("a registered JWK Set", () => {
  it("is accepted with at least one RSA or EC P-384 public key that has a kid", () => {
    expect(parseJwks({ keys: [EC] })).toEqual({ ok: true, jwks: { keys: [EC] } });
    expect(parseJwks({ keys: [{ kty: "RSA", kid: "r", n: "x", e: "AQAB" }, { kty: "OKP", crv: "Ed25519", x: "z" }] }).ok).toBe(true);
  });

  it.each([
    [{ keys: [{ ...EC, d: "secret" }] }, /PRIVATE key/],
    [{ keys: [{ kty: "RSA", kid: "r", n: "x", e: "AQAB", p: "1", q: "2" }] }, /PRIVATE key/],
    [{ keys: [{ kty: "EC", crv: "P-256", kid: "k", x: "a", y: "b" }] }, /no RSA or EC P-384 public key/],
    [{ keys: [{ kty: "RSA", n: "x", e: "AQAB" }] }, /with a "kid"/],
    [{ keys: [] }, /no RSA/],
    [{ keys: "nope" }, /not a JWK Set/],
    [[EC], /not a JWK Set/],
    [{ keys: Array(51).fill(EC) }, /at most 50/],
    [{ keys: [42] }, /not a JWK/],
  ])("%j is refused", (json, message) => {
    const result = parseJwks(json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it.each([
    ["max-age=600", 600],
    ["public, max-age=86400", 3600],
    ["no-store", 0],
    ["no-cache, max-age=600", 0],
    [null, 0],
  ])("Cache-Control %j is cached %i s", (header, seconds) => expect(cacheSeconds(header)).toBe(seconds));
});

describe("fetching a JWKS URL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      "/jwks.json": (_req, res) => res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=120" }).end(JSON.stringify({ keys: [EC] })),
      "/redirect": (_req, res) => res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
      "/huge": (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [{ ...EC, pad: "x".repeat(300_000) }] })),
      "/page": (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>sign in</html>"),
    });
  });
  afterAll(() => server.close());

  it("reads the set and how long it may be cached", async () => {
    expect(await fetchJwks(`${server.url}/jwks.json`, { policy: LOOPBACK })).toEqual({ ok: true, jwks: { keys: [EC] }, cacheSeconds: 120 });
  });

  it.each([
    ["/redirect", /redirect/],
    ["/huge", /larger than/],
    ["/page", /web page/],
  ])("refuses %s", async (path, message) => {
    const result = await fetchJwks(`${server.url}${path}`, { policy: LOOPBACK });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it.each([
    ["http://169.254.169.254/jwks.json", /must use https/],
    ["https://169.254.169.254/jwks.json", /metadata/],
    ["https://10.1.2.3/jwks.json", /private/],
    ["https://metadata.google.internal/jwks.json", /metadata/],
    ["https://user:pw@tool.example/jwks.json", /user name or password/],
    ["file:///etc/passwd", /scheme/],
  ])("refuses %s under the production policy, without a request", async (url, message) => {
    const result = await fetchJwks(url, { policy: STRICT, lookup: async () => [{ address: "93.184.216.34", family: 4 }] });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it("refuses a public name that resolves to a private address", async () => {
    const result = await fetchJwks("https://tool.example/jwks.json", { policy: STRICT, lookup: async () => [{ address: "10.0.0.5", family: 4 }] });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/resolves to a private address/) });
  });
});
