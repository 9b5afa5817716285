/**
 * Who is calling the token, revocation or introspection endpoint (RFC 6749 §2.3).
 * s4s: every client is confidential and may use HTTP Basic or the form body, as on the real server.
 * smart-v2: the client must use the method it registered (`token_endpoint_auth_method`).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { decodeJwt } from "jose";
import type { AuthMethod, Client, Profile } from "../state/model";
import type { Store } from "../state/store";
import type { Params } from "../util/http";
import { fail, ok, type Result } from "../util/result";
import { ASSERTION_TYPE, type AssertionVerifier } from "./client-assertion";
import { oauthError, type OAuthError } from "./errors";

export interface ClientAuthInput {
  profile: Profile;
  authorization: string | undefined;
  form: Params;
  /** The URL a client assertion must name as its audience. */
  tokenUrl: string;
  /** Whether a public client may identify itself by client_id alone. */
  allowPublic: boolean;
  /** Compare HTTP Basic credentials as decoded from Base64 only, without form-decoding (smart-launcher-v2). */
  rawBasic?: boolean;
  /**
   * The client of the refresh token being redeemed: a public client may refresh with no client_id at all
   * (SMART App Launch 2, RFC 6749 §6); a confidential one must still authenticate.
   */
  impliedClientId?: string | undefined;
}

const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());

function parseBasic(header: string, raw = false): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  if (raw) return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return undefined;
  }
}

const denied = (description: string) => fail(oauthError("invalid_client", description));

export async function authenticateClient(
  input: ClientAuthInput,
  store: Store,
  assertions: AssertionVerifier,
): Promise<Result<Client, OAuthError>> {
  const { form, profile } = input;
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  const used = [input.authorization !== undefined, bodySecret !== undefined, assertion !== undefined];
  if (used.filter(Boolean).length > 1) {
    return fail(oauthError("invalid_request", "Use exactly one way of authenticating the client."));
  }
  const lookup = (id: string | undefined): Client | undefined => {
    const client = id === undefined ? undefined : store.client(id);
    return client?.profile === profile ? client : undefined;
  };
  const methodOk = (client: Client, method: AuthMethod) =>
    profile === "s4s" ? method === "client_secret_basic" || method === "client_secret_post" : client.authMethod === method;

  if (input.authorization !== undefined) {
    const basic = parseBasic(input.authorization, input.rawBasic === true);
    if (!basic) return denied("The Authorization header is not valid HTTP Basic client authentication.");
    if (bodyId !== undefined && bodyId !== basic.id) {
      return fail(oauthError("invalid_request", "client_id in the body differs from the one in the Authorization header."));
    }
    const client = lookup(basic.id);
    if (!client?.secret || !sameSecret(client.secret, basic.secret)) return denied("Unknown client or wrong client secret.");
    if (!methodOk(client, "client_secret_basic")) return denied(`This client registered ${client.authMethod}.`);
    return ok(client);
  }
  if (bodySecret !== undefined) {
    const client = lookup(bodyId);
    if (!client?.secret || !sameSecret(client.secret, bodySecret)) return denied("Unknown client or wrong client secret.");
    if (!methodOk(client, "client_secret_post")) return denied(`This client registered ${client.authMethod}.`);
    return ok(client);
  }
  if (assertion !== undefined) {
    if (form.get("client_assertion_type") !== ASSERTION_TYPE) {
      return denied(`client_assertion_type must be ${ASSERTION_TYPE}.`);
    }
    const client = lookup(bodyId ?? issuerOf(assertion));
    if (!client) return denied("Unknown client.");
    if (!methodOk(client, "private_key_jwt")) return denied(`This client registered ${client.authMethod}.`);
    const verified = await assertions.verify(client, assertion, input.tokenUrl);
    return verified.ok ? ok(client) : verified;
  }
  const client = lookup(bodyId ?? input.impliedClientId);
  if (!client) return denied(bodyId === undefined ? "Client authentication is required." : "Unknown client.");
  if (!input.allowPublic || !methodOk(client, "none")) return denied("Client authentication is required.");
  return ok(client);
}

/**
 * The client a token request names, unverified (as a gateway in front of the server sees it): the HTTP Basic
 * user, `client_id`, a client assertion's `iss`, or, for a refresh without any of those, the refresh token's client.
 */
export function namedClientId(authorization: string | undefined, form: URLSearchParams, store: Store): string | undefined {
  if (authorization !== undefined) return parseBasic(authorization)?.id;
  const assertion = form.get("client_assertion");
  const named = form.get("client_id") ?? (assertion === null ? undefined : issuerOf(assertion));
  if (named !== undefined) return named;
  const refreshToken = form.get("grant_type") === "refresh_token" ? form.get("refresh_token") : null;
  return refreshToken === null ? undefined : store.grantByRefreshToken(refreshToken)?.clientId;
}

/** The unverified `iss` of a JWT, to find whose keys verify it. */
function issuerOf(jwt: string): string | undefined {
  try {
    return decodeJwt(jwt).iss;
  } catch {
    return undefined;
  }
}
