/** The sandbox's HTTP app: both profiles, the browser pages, the admin API, and strict edges (body limit, no 500 pages). */
import { Hono } from "hono";
import { adminRoutes } from "./admin/routes";
import { appsRoutes } from "./browser/apps";
import { brandsRoutes } from "./brands/routes";
import { loginRoutes } from "./browser/login";
import type { AppEnv, Deps } from "./deps";
import { fhirRoutes } from "./fhir/routes";
import { oauthRoutes } from "./oauth/routes";
import { mailAdminRoutes, mailInboxRoutes } from "./mail/routes";
import { html } from "./pages/html";
import { page } from "./pages/layout";
import { limitBody } from "./util/body-limit";

export const MAX_BODY_BYTES = 64 * 1024;

export function createApp(deps: Deps): Hono<AppEnv> {
  const { config } = deps;
  const app = new Hono<AppEnv>();
  app.use("*", limitBody(MAX_BODY_BYTES));
  app.get("/", (c) =>
    c.html(
      page(
        "Sandbox",
        html`<h1>S4S Sandbox EHR</h1>
<ul>
<li>s4s profile (DSTU2): <code>${config.s4sFhirBase}</code></li>
<li>smart-v2 profile (R4): <code>${config.v2FhirBase}</code></li>
</ul>
<p><a href="/login">Sign in</a> · <a href="/apps">Authorized apps</a></p>`,
      ),
    ),
  );
  app.get("/_sandbox/health", (c) => c.json({ ok: true, url: config.url, s4sFhirBase: config.s4sFhirBase, v2FhirBase: config.v2FhirBase }));
  if (config.admin) app.route("/_sandbox/mail", mailAdminRoutes(deps.mail));
  if (config.admin) app.route("/_sandbox", adminRoutes(deps));
  app.route("/_mail", mailInboxRoutes(deps.mail));
  app.route("/oauth", oauthRoutes(deps, "s4s"));
  app.route("/v2/oauth", oauthRoutes(deps, "smart-v2"));
  app.route("/api/fhir", fhirRoutes(deps, "s4s"));
  app.route("/v2/fhir", fhirRoutes(deps, "smart-v2"));
  app.route("/", brandsRoutes(deps));
  app.route("/", loginRoutes(deps));
  app.route("/", appsRoutes(deps));
  app.notFound((c) => c.json({ error: "not_found", error_description: `Nothing at ${new URL(c.req.url).pathname}.` }, 404));
  app.onError((error, c) => {
    // A bug, not bad input: say so without a stack trace, and log it for the developer.
    console.error(`sandbox: ${c.req.method} ${new URL(c.req.url).pathname} failed: ${error.message}`);
    return c.json({ error: "server_error", error_description: "The sandbox failed unexpectedly." }, 500);
  });
  return app;
}
