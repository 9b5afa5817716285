/** The FHIR API of one profile: GET only, bearer token required (except discovery), limited to the token's patient. */
import { Hono } from "hono";
import { instrument } from "../admin/inject";
import type { AppEnv, Deps } from "../deps";
import { endpoints } from "../oauth/profile";
import { permits } from "../oauth/scopes";
import type { Served } from "../records/served";
import type { Profile } from "../state/model";
import { authenticateBearer, type Access } from "./access";
import { searchBundle } from "./bundle";
import { capabilityStatement, smartConfiguration } from "./capability";
import { fhirJson, fhirText, outcome, problem } from "./outcome";
import type { FhirVersion } from "./resource";
import { checkParams, checkTypeParams, matches, parseSearch } from "./search";
import { resourceTypes, searchable } from "./types";

type FhirEnv = AppEnv & { Variables: { access: Access } };

export function fhirRoutes(deps: Deps, profile: Profile): Hono<FhirEnv> {
  const { config, store, data } = deps;
  const e = endpoints(config, profile);
  const version: FhirVersion = profile === "s4s" ? "dstu2" : "r4";
  const types = resourceTypes(profile);
  const app = new Hono<FhirEnv>();
  const query = (url: string) => new URL(url).searchParams;
  /** Shared resources are always visible; the others need their data category shared (debug tokens share all). */
  const visible = (access: Access, s: Served) => {
    const { categories } = access.grant;
    return s.dataCategory === undefined || categories.length === 0 || categories.includes(s.dataCategory);
  };

  app.use("*", instrument("fhir", deps));
  app.use("*", async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    c.header("Allow", "GET");
    return outcome(c, version, problem(profile === "s4s" ? 403 : 405, `${c.req.method} is not allowed; this API is read-only.`));
  });
  app.get("/metadata", (c) => fhirJson(c, version, capabilityStatement(e, new Date(config.now()).toISOString())));
  if (profile === "smart-v2") {
    app.get("/.well-known/smart-configuration", (c) => c.json(smartConfiguration(e)));
  }
  app.use("*", async (c, next) => {
    const result = authenticateBearer(store, profile, e.fhirBase, c.req.header("authorization"), config.now());
    if (!result.ok) {
      c.header("WWW-Authenticate", result.error.challenge);
      return outcome(c, version, problem(401, result.error.message));
    }
    c.set("access", result.value);
    const bad = checkParams(query(c.req.url), profile);
    return bad ? outcome(c, version, bad) : next();
  });
  app.get("/:type", (c) => {
    const type = c.req.param("type");
    const access = c.get("access");
    if (!types.includes(type)) return outcome(c, version, problem(403, `The resource type "${type}" is not available.`));
    if (profile === "smart-v2" && !permits(access.scopes, type, "search")) {
      return outcome(c, version, problem(403, `The token's scopes do not allow searching ${type}.`));
    }
    const search = query(c.req.url);
    if (!searchable(profile, type)) return outcome(c, version, problem(400, `${type} cannot be searched; read it by id.`));
    const unsupported = profile === "smart-v2" ? checkTypeParams(search, type, "search") : undefined;
    if (unsupported) return outcome(c, version, unsupported);
    const parsed = parseSearch(search, config.maxPageSize);
    if (!parsed.ok) return outcome(c, version, parsed.error);
    const patientId = access.grant.patientId;
    const candidates = data.record(patientId, version)?.byType.get(type) ?? [];
    const found = candidates.filter((s) => visible(access, s) && matches(s, patientId, parsed.value));
    return fhirText(c, version, searchBundle(e.fhirBase, type, search, found, parsed.value, config.now()));
  });
  app.get("/:type/:id", (c) => {
    const { type, id } = c.req.param();
    const access = c.get("access");
    if (!types.includes(type)) return outcome(c, version, problem(403, `The resource type "${type}" is not available.`));
    if (profile === "smart-v2" && !permits(access.scopes, type, "read")) {
      return outcome(c, version, problem(403, `The token's scopes do not allow reading ${type}.`));
    }
    const unsupported = profile === "smart-v2" ? checkTypeParams(query(c.req.url), type, "read") : undefined;
    if (unsupported) return outcome(c, version, unsupported);
    const result = data.read(type, id, version);
    if (!result) return outcome(c, version, problem(404, `${type}/${id} is not known.`));
    if (result.patientId !== null && result.patientId !== access.grant.patientId) {
      return outcome(c, version, problem(403, `${type}/${id} belongs to another patient than the access token's.`));
    }
    if ("gone" in result) return outcome(c, version, problem(410, `${type}/${id} was deleted.`));
    const found = result.found;
    if (!visible(access, found)) return outcome(c, version, problem(403, "The participant did not share this category of data."));
    const etag = `W/"${found.versionId}"`;
    c.header("ETag", etag);
    c.header("Last-Modified", new Date(found.lastUpdatedMs).toUTCString());
    const ifNoneMatch = c.req.header("if-none-match");
    if (ifNoneMatch && (ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === etag.slice(2)))) {
      return c.body(null, 304);
    }
    return fhirText(c, version, found.json);
  });
  app.all("*", (c) => outcome(c, version, problem(404, "No such FHIR path.")));
  return app;
}
