/** `/login` and `/logout`: plain HTML forms that work without JavaScript. */
import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { AppEnv, Deps } from "../deps";
import { methodNotAllowed } from "../oauth/errors";
import { errorPage } from "../pages/error";
import { loginPage } from "../pages/login";
import { queryParams, readForm } from "../util/http";
import { currentSession, endSession, safeNext, startSession } from "./session";

const samePassword = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function loginRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const view = (next: string, extra: { error?: string; username?: string } = {}) =>
    loginPage({ next, hints: deps.directory.fixtureUsers(), syntheticCount: deps.directory.syntheticCount, ...extra });

  app.get("/login", (c) => {
    const params = queryParams(c);
    if (!params.ok) return c.html(errorPage("Invalid request", params.error), 400);
    const next = safeNext(params.value.get("next"));
    if (currentSession(c, deps)) return c.redirect(next, 302);
    return c.html(view(next));
  });
  app.post("/login", async (c) => {
    const form = await readForm(c);
    if (!form.ok) return c.html(errorPage("Invalid request", form.error), 400);
    const next = safeNext(form.value.get("next"));
    const username = (form.value.get("username") ?? "").trim();
    const user = deps.directory.user(username);
    if (!user || !samePassword(user.password, form.value.get("password") ?? "")) {
      return c.html(view(next, { error: "Wrong username or password.", username }), 401);
    }
    startSession(c, deps, user.username);
    return c.redirect(next, 303);
  });
  app.all("/login", methodNotAllowed(["GET", "POST"]));

  app.post("/logout", async (c) => {
    const session = currentSession(c, deps);
    const form = await readForm(c);
    if (session && form.ok && form.value.get("csrf") === session.csrf) endSession(c, deps, session);
    return c.redirect("/login", 303);
  });
  app.all("/logout", methodNotAllowed(["POST"]));
  return app;
}
