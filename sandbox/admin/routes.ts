/** The admin and fault-injection API under `/_sandbox/` (JSON in and out). See sandbox/README.md. */
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv, Deps } from "../deps";
import type { Grant } from "../state/model";
import { readJsonObject } from "../util/http";
import { faultSpecSchema } from "./faults";
import { recordRoutes } from "./records";

const revokeSchema = z.union([
  z.strictObject({ token: z.string().min(1) }),
  z.strictObject({ clientId: z.string().min(1) }),
  z.strictObject({ username: z.string().min(1) }),
]);
const expireSchema = z.union([
  z.strictObject({ token: z.string().min(1), approval: z.boolean().optional() }),
  z.strictObject({ clientId: z.string().min(1), approval: z.boolean().optional() }),
]);

export function adminRoutes(deps: Deps): Hono<AppEnv> {
  const { store, faults, stats, config } = deps;
  const app = new Hono<AppEnv>();
  const invalid = (c: Context, message: string) => c.json({ error: "invalid_request", error_description: message }, 400);
  async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T | Response> {
    const json = await readJsonObject(c);
    if (!json.ok) return invalid(c, json.error);
    const parsed = schema.safeParse(json.value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    return invalid(c, issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid body.");
  }
  const grantsOf = (q: { token?: string; clientId?: string; username?: string }): Grant[] => {
    if (q.token !== undefined) {
      const grant = store.grantByAccessToken(q.token) ?? store.grantByRefreshToken(q.token);
      return grant ? [grant] : [];
    }
    return store.findGrants(q);
  };

  app.post("/faults", async (c) => {
    const spec = await body(c, faultSpecSchema);
    if (spec instanceof Response) return spec;
    return c.json({ id: faults.add(spec).id }, 201);
  });
  app.get("/faults", (c) => c.json({ faults: faults.list() }));
  app.delete("/faults", (c) => {
    faults.clear();
    return c.json({ cleared: true });
  });
  app.delete("/faults/:id", (c) => (faults.remove(c.req.param("id")) ? c.json({ removed: true }) : c.json({ error: "not_found" }, 404)));

  app.post("/revoke", async (c) => {
    const q = await body(c, revokeSchema);
    if (q instanceof Response) return q;
    const grants = grantsOf(q);
    for (const grant of grants) store.deleteGrant(grant);
    return c.json({ revoked: grants.length });
  });

  app.post("/expire", async (c) => {
    const q = await body(c, expireSchema);
    if (q instanceof Response) return q;
    const now = config.now();
    const grants = grantsOf(q);
    for (const grant of grants) {
      if (grant.tokens) grant.tokens.accessExpiresAt = Math.min(grant.tokens.accessExpiresAt, now);
      if (q.approval) grant.approvalExpiresAt = Math.min(grant.approvalExpiresAt, now);
    }
    store.touch();
    return c.json({ expired: grants.length });
  });

  app.get("/stats", (c) => c.json(stats.toJSON()));
  app.post("/stats/reset", (c) => {
    stats.reset();
    return c.json(stats.toJSON());
  });
  app.get("/state", (c) => c.json(store.counts()));
  app.route("/records", recordRoutes(deps));
  app.all("*", (c) => c.json({ error: "not_found", error_description: "No such admin endpoint." }, 404));
  return app;
}
