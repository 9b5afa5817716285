/** The token endpoint, and under smart-v2 RFC 7009 revocation and RFC 7662 introspection. */
import type { Context } from "hono";
import { Hono } from "hono";
import { instrument } from "../admin/inject";
import type { AppEnv, Deps } from "../deps";
import type { Client, Grant, Profile } from "../state/model";
import { readForm, type Params } from "../util/http";
import type { Result } from "../util/result";
import { authenticateClient } from "./client-auth";
import { methodNotAllowed, oauthError, oauthErrorResponse, type OAuthError } from "./errors";
import { exchangeCode, refresh } from "./grants";
import { endpoints } from "./profile";

export function tokenRoutes(deps: Deps, profile: Profile): Hono<AppEnv> {
  const { store, config, stats } = deps;
  const e = endpoints(config, profile);
  const app = new Hono<AppEnv>();

  /** Read the form and authenticate the client; a Response when either fails. */
  const begin = async (c: Context, allowPublic: boolean, grantRefresh = false): Promise<Response | { form: Params; client: Client }> => {
    const form = await readForm(c);
    if (!form.ok) return oauthErrorResponse(c, oauthError("invalid_request", form.error));
    const refreshToken = grantRefresh && form.value.get("grant_type") === "refresh_token" ? form.value.get("refresh_token") : undefined;
    const impliedClientId = refreshToken === undefined ? undefined : store.grantByRefreshToken(refreshToken)?.clientId;
    const anonymous = ["client_id", "client_secret", "client_assertion"].every((k) => form.value.get(k) === undefined) && !c.req.header("authorization");
    if (refreshToken !== undefined && impliedClientId === undefined && anonymous) {
      // A refresh naming no client and a token nobody holds: say what is wrong with it, as for a public client.
      return oauthErrorResponse(c, oauthError("invalid_grant", "Unknown refresh token (refresh tokens are single use)."));
    }
    const auth = { profile, authorization: c.req.header("authorization"), form: form.value, tokenUrl: e.token, allowPublic, impliedClientId, rawBasic: deps.config.rawBasicCredentials };
    const client = await authenticateClient(auth, store, deps.assertions);
    return client.ok ? { form: form.value, client: client.value } : oauthErrorResponse(c, client.error);
  };
  const noStore = (c: Context) => {
    c.header("Cache-Control", "no-store");
    c.header("Pragma", "no-cache");
  };

  app.post("/token", instrument("token", deps), async (c) => {
    const started = await begin(c, true, true);
    if (started instanceof Response) return started;
    const { form, client } = started;
    const grantType = form.get("grant_type");
    let result: Result<unknown, OAuthError>;
    if (grantType === "authorization_code") result = exchangeCode(deps, client, form);
    else if (grantType === "refresh_token") result = refresh(deps, client, form);
    else if (!grantType) result = { ok: false, error: oauthError("invalid_request", "grant_type is required.") };
    else result = { ok: false, error: oauthError("unsupported_grant_type", `grant_type ${grantType} is not supported.`) };
    if (!result.ok) return oauthErrorResponse(c, result.error);
    if (grantType === "refresh_token") stats.countRefresh(client.id);
    noStore(c);
    return c.json(result.value);
  });
  app.all("/token", methodNotAllowed(["POST"]));
  if (profile === "s4s") return app;

  const findToken = (token: string): { grant: Grant; kind: "access" | "refresh" } | undefined => {
    const access = store.grantByAccessToken(token);
    if (access?.profile === profile) return { grant: access, kind: "access" };
    const refreshed = store.grantByRefreshToken(token);
    return refreshed?.profile === profile ? { grant: refreshed, kind: "refresh" } : undefined;
  };

  app.post("/revoke", instrument("revoke", deps), async (c) => {
    const started = await begin(c, true);
    if (started instanceof Response) return started;
    const token = started.form.get("token");
    if (!token) return oauthErrorResponse(c, oauthError("invalid_request", "token is required."));
    stats.revocations += 1;
    const found = findToken(token);
    // RFC 7009 §2.2: unknown tokens, and other clients' tokens, get the same 200 (nothing is revealed).
    if (found && found.grant.clientId === started.client.id) {
      if (found.kind === "refresh") store.deleteGrant(found.grant);
      else if (found.grant.tokens) store.setTokens(found.grant, { ...found.grant.tokens, accessExpiresAt: 0 });
    }
    noStore(c);
    return c.body(null, 200);
  });
  app.all("/revoke", methodNotAllowed(["POST"]));

  app.post("/introspect", async (c) => {
    const started = await begin(c, false);
    if (started instanceof Response) return started;
    const token = started.form.get("token");
    if (!token) return oauthErrorResponse(c, oauthError("invalid_request", "token is required."));
    stats.introspections += 1;
    noStore(c);
    const found = findToken(token);
    const tokens = found?.grant.tokens;
    if (!found || !tokens || found.grant.clientId !== started.client.id) return c.json({ active: false });
    const { grant, kind } = found;
    const exp = kind === "access" ? tokens.accessExpiresAt : grant.approvalExpiresAt;
    if (exp <= config.now()) return c.json({ active: false });
    return c.json({
      active: true,
      scope: tokens.scope,
      client_id: grant.clientId,
      username: grant.username,
      sub: grant.username,
      ...(kind === "access" ? { token_type: "Bearer" } : {}),
      exp: Math.floor(exp / 1000),
      iat: Math.floor(tokens.issuedAt / 1000),
      iss: `${config.url}/v2`,
      aud: e.fhirBase,
      patient: grant.patientId,
    });
  });
  app.all("/introspect", methodNotAllowed(["POST"]));
  return app;
}
