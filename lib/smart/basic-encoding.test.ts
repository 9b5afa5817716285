/**
 * Issue #12's secret-encoding quirk, over real HTTP against the sandbox: with
 * `rawBasicCredentials` it compares the raw decoded Basic credentials as smart-launcher-v2 does,
 * and its secrets carry `+`, `/` and `=`. The portal's RFC 6749 form-encoded credentials are
 * refused with invalid_client; the token request is retried once without the encoding, and the
 * caller learns that "raw" works, for the code exchange and for a refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../../sandbox/server";
import { getCode, registerS4s, REDIRECT_URI, s4sAuthorizeUrl, start } from "../../sandbox/test/helpers";
import { basicEncodingMatters, exchangeCode, refresh, type BasicAuthEncoding, type ClientCredentials } from ".";

const DEV = { allowHttpLoopback: true, allowPrivateNetworks: false };

async function connect(sb: RunningSandbox) {
  const registered = await registerS4s(sb);
  const client: ClientCredentials = { clientId: registered.client_id, clientSecret: registered.client_secret!, tokenEndpointAuthMethod: "client_secret_basic" };
  const code = await getCode(sb, s4sAuthorizeUrl(sb, client.clientId));
  const learned: BasicAuthEncoding[] = [];
  const common = { config: { tokenEndpoint: `${sb.url}/oauth/token` }, policy: DEV, onBasicAuthEncoding: (e: BasicAuthEncoding) => learned.push(e) };
  const exchanged = await exchangeCode({ ...common, client, code, redirectUri: REDIRECT_URI, codeVerifier: "v".repeat(43) });
  return { client, common, exchanged, learned };
}

describe("client_secret_basic against a server that compares raw credentials (smart-launcher-v2)", () => {
  let raw: RunningSandbox;
  let rfc: RunningSandbox;
  beforeAll(async () => {
    [raw, rfc] = await Promise.all([start({ rawBasicCredentials: true }), start()]);
  });
  afterAll(() => Promise.all([raw.close(), rfc.close()]));

  it("the code exchange and a refresh succeed after one retry without form-encoding, and report that raw works", async () => {
    const { client, common, exchanged, learned } = await connect(raw);
    expect(basicEncodingMatters(client.clientId, client.clientSecret)).toBe(true);
    expect(exchanged.ok).toBe(true);
    expect(learned).toEqual(["raw"]);
    if (!exchanged.ok) return;

    const refreshed = await refresh({ ...common, client, refreshToken: exchanged.value.refreshToken! });
    expect(refreshed.ok).toBe(true);
    expect(learned).toEqual(["raw", "raw"]);
    if (!refreshed.ok) return;

    // Remembered: the raw form goes first and nothing new is learned.
    const again = await refresh({ ...common, client: { ...client, basicAuthEncoding: "raw" }, refreshToken: refreshed.value.refreshToken! });
    expect(again.ok).toBe(true);
    expect(learned).toEqual(["raw", "raw"]);
  });

  it("a server that follows RFC 6749 accepts the form-encoded credentials first, and nothing is learned", async () => {
    const { exchanged, learned } = await connect(rfc);
    expect(exchanged.ok).toBe(true);
    expect(learned).toEqual([]);
  });

  it("a wrong secret still fails with invalid_client after the one retry", async () => {
    const registered = await registerS4s(raw);
    const client: ClientCredentials = { clientId: registered.client_id, clientSecret: "wrong+secret==", tokenEndpointAuthMethod: "client_secret_basic" };
    const result = await refresh({ config: { tokenEndpoint: `${raw.url}/oauth/token` }, client, refreshToken: "nope", policy: DEV });
    expect(result.ok || (result.error.kind === "oauth" && result.error.code)).toBe("invalid_client");
  });
});
