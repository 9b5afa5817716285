/** `/apps`: the signed-in user's authorizations, and `POST /revoke/<id>` to withdraw one (the real server's paths). */
import { Hono } from "hono";
import type { AppEnv, Deps } from "../deps";
import { displayName } from "../fixtures/facts";
import { methodNotAllowed } from "../oauth/errors";
import { appsPage } from "../pages/apps";
import { errorPage } from "../pages/error";
import { readForm } from "../util/http";
import { isoDate } from "../util/time";
import { currentSession, loginUrl } from "./session";

export function appsRoutes(deps: Deps): Hono<AppEnv> {
  const { store, directory } = deps;
  const app = new Hono<AppEnv>();

  app.get("/apps", (c) => {
    const session = currentSession(c, deps);
    if (!session) return c.redirect(loginUrl("/apps"), 302);
    const grants = store.findGrants({ username: session.username }).map((g) => {
      const patient = directory.patient(g.patientId);
      return {
        id: g.id,
        appName: store.client(g.clientId)?.name ?? g.clientId,
        patientName: patient ? displayName(patient.demographics) : g.patientId,
        profile: g.profile,
        scope: g.tokens?.scope ?? g.scope,
        until: isoDate(g.approvalExpiresAt),
      };
    });
    const notice = c.req.query("revoked") !== undefined ? "Access revoked." : undefined;
    return c.html(appsPage({ username: session.username, csrf: session.csrf, grants, ...(notice ? { notice } : {}) }));
  });
  app.all("/apps", methodNotAllowed(["GET"]));

  app.post("/revoke/:id", async (c) => {
    const session = currentSession(c, deps);
    if (!session) return c.redirect(loginUrl("/apps"), 303);
    const form = await readForm(c);
    if (!form.ok || form.value.get("csrf") !== session.csrf) {
      return c.html(errorPage("Form expired", "Reload the apps page and try again."), 400);
    }
    const grant = store.grant(c.req.param("id"));
    if (grant?.username === session.username) store.deleteGrant(grant);
    return c.redirect("/apps?revoked", 303);
  });
  app.all("/revoke/:id", methodNotAllowed(["POST"]));
  return app;
}
