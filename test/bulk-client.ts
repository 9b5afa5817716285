/**
 * A research tool, for tests only: it holds its own key pair, publishes the public half as a JWK
 * Set, signs its own SMART Backend Services client assertions (well-formed ones, and the broken
 * ones the portal must refuse), and walks the Bulk Data flow over any fetch-like function: the
 * real network in e2e tests, the portal's route handlers in process in data-layer tests.
 * Deliberately independent of the portal's code.
 */
import { randomBytes } from "node:crypto";
import { SignJWT, exportJWK, generateKeyPair, type JWK } from "jose";

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;
export type Alg = "RS384" | "ES384";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export class TestBulkClient {
  clientId = "";
  private constructor(
    readonly alg: Alg,
    readonly kid: string,
    private readonly privateKey: CryptoKey,
    readonly publicJwk: JWK,
    private readonly fetch: Fetch,
    readonly fhirBase: string,
  ) {}

  static async create(fetch: Fetch, fhirBase: string, alg: Alg = "ES384"): Promise<TestBulkClient> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
    const kid = `test-key-${randomBytes(4).toString("hex")}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
    return new TestBulkClient(alg, kid, privateKey, publicJwk, fetch, fhirBase);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  get tokenUrl() {
    return `${this.fhirBase}/auth/token`;
  }

  /** A client assertion; `overrides` break it on purpose (claims, header, lifetime). */
  async assertion(overrides: { aud?: string; iss?: string; sub?: string; jti?: string; expiresIn?: number; kid?: string; typ?: string; jku?: string } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: this.alg, kid: overrides.kid ?? this.kid, typ: overrides.typ ?? "JWT", ...(overrides.jku && { jku: overrides.jku }) })
      .setIssuer(overrides.iss ?? this.clientId)
      .setSubject(overrides.sub ?? this.clientId)
      .setAudience(overrides.aud ?? this.tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + (overrides.expiresIn ?? 240))
      .setJti(overrides.jti ?? randomBytes(12).toString("base64url"))
      .sign(this.privateKey);
  }

  /** An unsigned (`alg: none`) assertion with otherwise correct claims. */
  unsignedAssertion(): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: this.clientId, sub: this.clientId, aud: this.tokenUrl, exp: now + 240, jti: randomBytes(12).toString("base64url") };
    return `${b64({ alg: "none", typ: "JWT", kid: this.kid })}.${b64(claims)}.`;
  }

  /** An HS256 assertion keyed with a guessable secret (here: the public key's modulus or x). */
  async hmacAssertion(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const secret = new TextEncoder().encode(String(this.publicJwk.n ?? this.publicJwk.x));
    return new SignJWT({})
      .setProtectedHeader({ alg: "HS256", kid: this.kid, typ: "JWT" })
      .setIssuer(this.clientId).setSubject(this.clientId).setAudience(this.tokenUrl)
      .setExpirationTime(now + 240).setJti(randomBytes(12).toString("base64url"))
      .sign(secret);
  }

  /** POSTs a token request (no Origin, no cookies: a server-side tool). */
  requestToken(assertion: string, scope = "system/*.read", extra: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: ASSERTION_TYPE, client_assertion: assertion, scope, ...extra });
    return this.fetch(this.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: body.toString() });
  }

  async token(scope = "system/*.read"): Promise<string> {
    const response = await this.requestToken(await this.assertion(), scope);
    if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  get(url: string, token: string | null, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(url, { headers: { accept: "application/fhir+json", ...(token && { authorization: `Bearer ${token}` }), ...headers } });
  }

  kickOff(token: string | null, query = "", headers: Record<string, string> = {}): Promise<Response> {
    return this.get(`${this.fhirBase}/Group/study/$export${query}`, token, { prefer: "respond-async", ...headers });
  }

  /** Polls a status URL until the export is done; returns the final response (200 or an error). */
  async waitFor(statusUrl: string, token: string, { timeoutMs = 60_000 } = {}): Promise<Response> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await this.get(statusUrl, token, { accept: "application/json" });
      if (response.status !== 202) return response;
      if (Date.now() > deadline) throw new Error(`export still running after ${timeoutMs} ms: ${response.headers.get("x-progress")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Every line of a manifest file, parsed. */
  async download(url: string, token: string): Promise<Record<string, unknown>[]> {
    const response = await this.fetch(url, { headers: { accept: "application/fhir+ndjson", authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`download failed: ${response.status} ${await response.text()}`);
    return (await response.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
