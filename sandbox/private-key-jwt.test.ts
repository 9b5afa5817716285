/** smart-v2 private_key_jwt: RS384 and ES384 client assertions, from `jwks` or `jwks_uri`. */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { REDIRECT_URI, VERIFIER, getCode, postForm, registerV2, start, v2AuthorizeUrl, type Registered } from "./test/helpers";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

interface Keys {
  alg: "RS384" | "ES384";
  privateKey: CryptoKey;
  jwk: JWK;
}

async function keys(alg: "RS384" | "ES384"): Promise<Keys> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { alg, privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: `${alg}-key`, alg } };
}

interface AssertionOptions {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  expIn?: number;
  jti?: string;
}

function assertion(k: Keys, clientId: string, aud: string, o: AssertionOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: o.jti ?? randomUUID() })
    .setProtectedHeader({ alg: k.alg, kid: k.jwk.kid ?? "" })
    .setIssuer(o.iss ?? clientId)
    .setSubject(o.sub ?? clientId)
    .setAudience(o.aud ?? aud)
    .setIssuedAt(now)
    .setExpirationTime(now + (o.expIn ?? 240))
    .sign(k.privateKey);
}

describe("private_key_jwt client authentication", () => {
  let sb: RunningSandbox;
  let jwksServer: Server;
  let jwksUri = "";
  const tokenUrl = () => `${sb.url}/v2/oauth/token`;
  const served: { keys: JWK[] } = { keys: [] };

  beforeAll(async () => {
    sb = await start();
    jwksServer = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(served)));
    await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
    jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    await sb.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  async function tokensWith(client: Registered, k: Keys, o: AssertionOptions = {}): Promise<Response> {
    const code = await getCode(sb, v2AuthorizeUrl(sb, client.client_id));
    return postForm(tokenUrl(), {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: VERIFIER,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await assertion(k, client.client_id, tokenUrl(), o),
    });
  }

  for (const alg of ["RS384", "ES384"] as const) {
    it(`accepts an ${alg} assertion from registered jwks, and refuses its replay`, async () => {
      const k = await keys(alg);
      const client = await registerV2(sb, { token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [k.jwk] } });
      expect(client.client_secret).toBeUndefined();
      const res = await tokensWith(client, k, { jti: `${alg}-once` });
      expect(res.status).toBe(200);
      const { refresh_token } = (await res.json()) as { refresh_token: string };
      const replay = await postForm(tokenUrl(), {
        grant_type: "refresh_token",
        refresh_token,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await assertion(k, client.client_id, tokenUrl(), { jti: `${alg}-once` }),
      });
      expect(replay.status).toBe(401);
      expect(await replay.json()).toMatchObject({ error: "invalid_client", error_description: expect.stringContaining("jti") });
    });
  }

  it("accepts an aud array containing the token URL, and keys from jwks_uri", async () => {
    const k = await keys("ES384");
    served.keys = [k.jwk];
    const client = await registerV2(sb, { token_endpoint_auth_method: "private_key_jwt", jwks_uri: jwksUri });
    const res = await tokensWith(client, k, { aud: ["https://elsewhere.example", tokenUrl()] });
    expect(res.status).toBe(200);
  });

  describe("refuses bad assertions with invalid_client", () => {
    let k: Keys;
    let client: Registered;
    beforeAll(async () => {
      k = await keys("RS384");
      client = await registerV2(sb, { token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [k.jwk] } });
    });
    const cases: [string, () => AssertionOptions | Promise<Keys>][] = [
      ["wrong aud", () => ({ aud: "https://elsewhere.example/token" })],
      ["exp more than 5 minutes ahead", () => ({ expIn: 600 })],
      ["expired", () => ({ expIn: -60 })],
      ["iss differs from sub", () => ({ sub: "someone-else" })],
      ["signed with another key", () => keys("RS384")],
    ];
    for (const [name, make] of cases) {
      it(name, async () => {
        const made = await make();
        const res = "privateKey" in made ? await tokensWith(client, { ...made, jwk: k.jwk }) : await tokensWith(client, k, made);
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: "invalid_client" });
      });
    }

    it("refuses a client secret or a missing assertion for a private_key_jwt client", async () => {
      const code = await getCode(sb, v2AuthorizeUrl(sb, client.client_id));
      const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: VERIFIER, client_id: client.client_id });
      expect(res.status).toBe(401);
    });

    it("refuses an HS256 assertion", async () => {
      const code = await getCode(sb, v2AuthorizeUrl(sb, client.client_id));
      const hs = await new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(client.client_id)
        .setSubject(client.client_id)
        .setAudience(tokenUrl())
        .setExpirationTime("4m")
        .sign(new TextEncoder().encode("a-shared-secret-of-enough-length!"));
      const res = await postForm(tokenUrl(), { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: VERIFIER, client_assertion_type: ASSERTION_TYPE, client_assertion: hs });
      expect(res.status).toBe(401);
    });
  });

  it("refuses registrations with both or neither of jwks and jwks_uri, or private keys", async () => {
    const k = await keys("ES384");
    const post = (body: Record<string, unknown>) =>
      fetch(`${sb.url}/v2/oauth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: "private_key_jwt", ...body }) });
    for (const body of [{}, { jwks: { keys: [k.jwk] }, jwks_uri: jwksUri }, { jwks: { keys: [{ ...k.jwk, d: "secret" }] } }]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_client_metadata" });
    }
  });
});
