/** The OAuth endpoints of one profile, mounted at `/oauth` (s4s) or `/v2/oauth` (smart-v2). */
import { Hono } from "hono";
import { instrument } from "../admin/inject";
import type { AppEnv, Deps } from "../deps";
import type { Profile } from "../state/model";
import { readJsonObject } from "../util/http";
import { authorizeRoutes } from "./authorize-routes";
import { debugRoutes } from "./debug";
import { methodNotAllowed, oauthError, oauthErrorResponse } from "./errors";
import { registerClient, registrationResponse } from "./register";
import { tokenRoutes } from "./token-routes";

export function oauthRoutes(deps: Deps, profile: Profile): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/register", instrument("register", deps), async (c) => {
    const body = await readJsonObject(c);
    if (!body.ok) return oauthErrorResponse(c, oauthError("invalid_client_metadata", body.error));
    const client = registerClient(profile, body.value, deps.config.now(), deps.config.rawBasicCredentials);
    if (!client.ok) return oauthErrorResponse(c, client.error);
    deps.store.addClient(client.value);
    deps.stats.registrations += 1;
    c.header("Cache-Control", "no-store");
    return c.json(registrationResponse(client.value), 201);
  });
  app.all("/register", methodNotAllowed(["POST"]));
  // The debug endpoints exist once, at the real server's paths, and know tokens of both profiles.
  if (profile === "s4s") app.route("/debug", debugRoutes(deps));
  app.route("/", authorizeRoutes(deps, profile));
  app.route("/", tokenRoutes(deps, profile));
  return app;
}
