/** The FHIR API of one profile: GET only, bearer token required (except discovery), limited to the token's patient. */
import { Hono } from "hono";
import { instrument } from "../admin/inject";
import type { AppEnv, Deps } from "../deps";
import { endpoints } from "../oauth/profile";
import { permits } from "../oauth/scopes";
import type { Profile } from "../state/model";
import { authenticateBearer, type Access } from "./access";
import { capabilityStatement, smartConfiguration } from "./capability";
import { searchBundle } from "./bundle";
import { fhirJson, outcome, problem } from "./outcome";
import { categoryOf, type FhirResource, type FhirVersion } from "./resource";
import { categoryCodes, checkParams, checkTypeParams, matches, parseSearch } from "./search";
import { resourceTypes, searchable } from "./types";

type FhirEnv = AppEnv & { Variables: { access: Access } };

export function fhirRoutes(deps: Deps, profile: Profile): Hono<FhirEnv> {
  const { config, store, data } = deps;
  const e = endpoints(config, profile);
  const version: FhirVersion = profile === "s4s" ? "dstu2" : "r4";
  const types = resourceTypes(profile);
  const app = new Hono<FhirEnv>();
  const query = (url: string) => new URL(url).searchParams;
  const visible = (access: Access, resource: FhirResource) => {
    const { categories } = access.grant;
    return categories.length === 0 || categories.includes(categoryOf(resource) ?? "");
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
    const found = (data.resourcesOf(patientId, version) ?? []).filter(
      (r) =>
        r.resourceType === type &&
        visible(access, r) &&
        matches({ id: r.id, lastUpdatedMs: Date.parse(r.meta.lastUpdated), categories: categoryCodes(r.category) }, patientId, parsed.value),
    );
    return fhirJson(c, version, searchBundle(e.fhirBase, type, search, found, parsed.value, config.now()));
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
    const found = data.read(type, id, version);
    if (!found) return outcome(c, version, problem(404, `${type}/${id} is not known.`));
    if (found.patientId !== access.grant.patientId) {
      return outcome(c, version, problem(403, `${type}/${id} belongs to another patient than the access token's.`));
    }
    if (!visible(access, found.resource)) return outcome(c, version, problem(403, "The participant did not share this category of data."));
    const etag = `W/"${found.resource.meta.versionId}"`;
    c.header("ETag", etag);
    c.header("Last-Modified", new Date(found.resource.meta.lastUpdated).toUTCString());
    const ifNoneMatch = c.req.header("if-none-match");
    if (ifNoneMatch && (ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === etag.slice(2)))) {
      return c.body(null, 304);
    }
    return fhirJson(c, version, found.resource);
  });
  app.all("*", (c) => outcome(c, version, problem(404, "No such FHIR path.")));
  return app;
}
