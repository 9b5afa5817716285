/**
 * The real server's development endpoints: mint tokens for a client, user and patient, and inspect any token
 * the sandbox issued, under either profile. Tokens minted here are UUIDs, as on the real server.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Deps } from "../deps";
import type { Grant } from "../state/model";
import { queryParams, readJsonObject } from "../util/http";
import { randomId } from "../util/random";
import { addYears, httpDate } from "../util/time";
import { methodNotAllowed, oauthError, oauthErrorResponse } from "./errors";
import { newTokenPair } from "./grants";
import { splitScope, withinScope } from "./scopes";

const TEN_YEARS_S = 10 * 366 * 24 * 3600;
const debugTokenSchema = z.object({
  client_id: z.string().min(1),
  username: z.string().min(1),
  patient_id: z.string().min(1),
  access_lifetime: z.number().min(-TEN_YEARS_S).max(TEN_YEARS_S).optional(),
  /** Unix time, integer or fractional. */
  approval_expires: z.number().min(0).max(253_402_300_799).optional(),
  scope: z.string().max(2000).optional(),
});

export function debugRoutes(deps: Deps): Hono<AppEnv> {
  const { store, directory, config } = deps;
  const app = new Hono<AppEnv>();
  const invalid = (description: string) => oauthError("invalid_request", description);

  app.post("/token", async (c) => {
    const body = await readJsonObject(c);
    if (!body.ok) return oauthErrorResponse(c, invalid(body.error));
    const parsed = debugTokenSchema.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return oauthErrorResponse(c, invalid(issue ? `${issue.path.join(".")}: ${issue.message}` : "Invalid body."));
    }
    const d = parsed.data;
    const client = store.client(d.client_id);
    if (!client) return oauthErrorResponse(c, oauthError("invalid_client", "Unknown client_id.", 400));
    const user = directory.user(d.username);
    if (!user) return oauthErrorResponse(c, invalid("Unknown username."));
    if (!user.patientIds.includes(d.patient_id)) return oauthErrorResponse(c, invalid("The patient does not belong to this user."));
    const scope = d.scope === undefined ? client.scope : splitScope(d.scope).join(" ");
    if (!withinScope(client.profile, splitScope(scope), splitScope(client.scope))) {
      return oauthErrorResponse(c, oauthError("invalid_scope", "The scope exceeds the client's registered scope."));
    }
    const now = config.now();
    const grant: Grant = {
      id: randomId(),
      profile: client.profile,
      clientId: client.id,
      username: user.username,
      patientId: d.patient_id,
      scope,
      categories: [],
      approvalExpiresAt: d.approval_expires === undefined ? addYears(now, 1) : d.approval_expires * 1000,
      createdAt: now,
      tokens: null,
    };
    store.addGrant(grant);
    const pair = newTokenPair(grant, scope, now, d.access_lifetime ?? config.accessTokenLifetimeSeconds, "uuid");
    store.setTokens(grant, pair);
    deps.stats.debugTokens += 1;
    return c.json({ access_token: pair.accessToken, ...(pair.refreshToken ? { refresh_token: pair.refreshToken } : {}) });
  });
  app.all("/token", methodNotAllowed(["POST"]));

  app.get("/introspect", (c) => {
    const params = queryParams(c);
    if (!params.ok) return oauthErrorResponse(c, invalid(params.error));
    const token = params.value.get("token");
    if (!token) return oauthErrorResponse(c, invalid("token is required."));
    const byAccess = store.grantByAccessToken(token);
    const grant = byAccess ?? store.grantByRefreshToken(token);
    const tokens = grant?.tokens;
    if (!grant || !tokens) return c.json({ error: "no_token", error_description: "No such token." }, 400);
    const now = config.now();
    return c.json({
      access_expires: httpDate(tokens.accessExpiresAt),
      access_token: tokens.accessToken,
      active: byAccess ? tokens.accessExpiresAt > now : grant.approvalExpiresAt > now,
      approval_expires: httpDate(grant.approvalExpiresAt),
      client_id: grant.clientId,
      refresh_token: tokens.refreshToken,
      scope: tokens.scope,
      security_labels: grant.categories,
      token_type: "Bearer",
      username: grant.username,
    });
  });
  app.all("/introspect", methodNotAllowed(["GET"]));
  return app;
}
