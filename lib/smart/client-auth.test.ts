import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { clientAuthentication, generateClientKeyPair, type ClientKeyAlgorithm } from "./client-auth";

const TOKEN = "https://ehr.example.org/auth/token";
const NOW = new Date("2024-05-01T12:00:00Z");

describe("clientAuthentication with a secret", () => {
  it.each([
    ["plain UUIDs (S4S)", "f05b268b-78aa", "0e541908-c799", "f05b268b-78aa:0e541908-c799"],
    ["RFC 6749 §2.3.1 form-encoding before base64", "my client", "p@ss:word/+&é", "my+client:p%40ss%3Aword%2F%2B%26%C3%A9"],
  ])("client_secret_basic: %s", async (_name, clientId, clientSecret, encoded) => {
    const auth = await clientAuthentication({ clientId, clientSecret, tokenEndpointAuthMethod: "client_secret_basic" }, TOKEN);
    expect(auth).toEqual({ headers: { Authorization: `Basic ${Buffer.from(encoded).toString("base64")}` }, params: {} });
  });

  it("client_secret_post puts both in the form; none sends only the id", async () => {
    const post = await clientAuthentication({ clientId: "c", clientSecret: "s", tokenEndpointAuthMethod: "client_secret_post" }, TOKEN);
    const none = await clientAuthentication({ clientId: "c", tokenEndpointAuthMethod: "none" }, TOKEN);
    expect([post, none]).toEqual([
      { headers: {}, params: { client_id: "c", client_secret: "s" } },
      { headers: {}, params: { client_id: "c" } },
    ]);
  });

  it("refuses to run without the credentials it needs (a configuration bug)", async () => {
    await expect(clientAuthentication({ clientId: "c", tokenEndpointAuthMethod: "client_secret_basic" }, TOKEN)).rejects.toThrow(/secret/);
    await expect(clientAuthentication({ clientId: "c", tokenEndpointAuthMethod: "private_key_jwt" }, TOKEN)).rejects.toThrow(/JWK/);
  });
});

describe("private_key_jwt", () => {
  it.each<ClientKeyAlgorithm>(["ES384", "RS384"])("%s: the assertion verifies with the public JWK and has SMART's claims", async (alg) => {
    const { privateJwk, publicJwk } = await generateClientKeyPair(alg);
    expect(publicJwk).toMatchObject({ alg, use: "sig", kid: privateJwk.kid });
    expect(publicJwk).not.toHaveProperty("d");

    const auth = await clientAuthentication({ clientId: "client-1", tokenEndpointAuthMethod: "private_key_jwt", privateJwk }, TOKEN, NOW);
    expect(auth.headers).toEqual({});
    expect(auth.params.client_assertion_type).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const assertion = auth.params.client_assertion ?? "";

    const { payload } = await jwtVerify(assertion, await importJWK(publicJwk, alg), {
      algorithms: [alg],
      issuer: "client-1",
      subject: "client-1",
      audience: TOKEN,
      currentDate: NOW,
    });
    expect(decodeProtectedHeader(assertion)).toEqual({ alg, kid: publicJwk.kid, typ: "JWT" });
    const iat = NOW.getTime() / 1000;
    expect(payload.iat).toBe(iat);
    expect(payload.exp).toBe(iat + 240);
    expect(payload.jti).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const again = await clientAuthentication({ clientId: "client-1", tokenEndpointAuthMethod: "private_key_jwt", privateJwk }, TOKEN, NOW);
    const { payload: second } = await jwtVerify(again.params.client_assertion ?? "", await importJWK(publicJwk, alg), { currentDate: NOW });
    expect(second.jti).not.toBe(payload.jti);
  });

  it("refuses a key without alg or kid", async () => {
    const { privateJwk } = await generateClientKeyPair("ES384");
    const { kid: _kid, ...noKid } = privateJwk;
    await expect(clientAuthentication({ clientId: "c", tokenEndpointAuthMethod: "private_key_jwt", privateJwk: noKid }, TOKEN)).rejects.toThrow(/kid/);
    await expect(clientAuthentication({ clientId: "c", tokenEndpointAuthMethod: "private_key_jwt", privateJwk: { ...privateJwk, alg: "HS256" } }, TOKEN)).rejects.toThrow(/alg/);
  });
});
