/** `/_sandbox/records`: touch or remove a patient's resources, and list a record as a client should end up holding it. */
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv, Deps } from "../deps";
import { changeRecord, listRecord } from "../records/admin";
import { profileSchema } from "../state/model";
import { readJsonObject } from "../util/http";

const MAX_CHANGES = 100_000;
const touchSchema = z
  .strictObject({
    patient: z.string().min(1).max(100),
    count: z.number().int().min(1).max(MAX_CHANGES).optional(),
    remove: z.number().int().min(1).max(MAX_CHANGES).optional(),
    profile: profileSchema.optional(),
  })
  .refine((b) => (b.count === undefined) !== (b.remove === undefined), { message: "give either count (to touch) or remove, not both" });

export function recordRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const fail = (c: Context, status: 400 | 404, error: string, description: string) => c.json({ error, error_description: description }, status);
  const unknown = (c: Context, patient: string) => fail(c, 404, "not_found", `No patient "${patient}" in this sandbox.`);

  app.post("/touch", async (c) => {
    const json = await readJsonObject(c);
    if (!json.ok) return fail(c, 400, "invalid_request", json.error);
    const parsed = touchSchema.safeParse(json.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(c, 400, "invalid_request", issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid body.");
    }
    const { patient, count, remove, profile } = parsed.data;
    const action = count === undefined ? "remove" : "touch";
    const changed = changeRecord(deps.data, patient, action, count ?? remove ?? 0, profile, deps.config.now());
    if (!changed) return unknown(c, patient);
    return c.json(action === "touch" ? { touched: changed } : { removed: changed });
  });
  app.get("/:patient", (c) => {
    const patient = c.req.param("patient");
    const profile = profileSchema.safeParse(c.req.query("profile"));
    if (!profile.success) return fail(c, 400, "invalid_request", "profile must be s4s or smart-v2, e.g. ?profile=smart-v2");
    const listing = listRecord(deps.data, patient, profile.data);
    return listing ? c.json(listing) : unknown(c, patient);
  });
  return app;
}
