/** Discovery: the DSTU2 Conformance, the R4 CapabilityStatement (both with `oauth-uris`) and smart-configuration. */
import { ASSERTION_ALGORITHMS } from "../oauth/client-assertion";
import type { ProfileEndpoints } from "../oauth/profile";
import { V2_SCOPES_SUPPORTED } from "../oauth/scopes";
import { CATEGORY_REQUIRED, SEARCH_PARAM_TYPES, resourceTypes, searchable, searchParams } from "./types";

export const OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

/** One `rest.resource` entry: the interactions and search parameters the type really supports. */
function resourceEntry(e: ProfileEndpoints, type: string): Record<string, unknown> {
  const v2 = e.profile === "smart-v2";
  const params = searchParams(e.profile, type).map((name) => ({
    name,
    type: SEARCH_PARAM_TYPES[name] ?? "token",
    ...(v2 && name === "category" && CATEGORY_REQUIRED.includes(type) ? { documentation: "Required: every search names a category (or _id)." } : {}),
  }));
  return {
    type,
    interaction: [{ code: "read" }, ...(searchable(e.profile, type) ? [{ code: "search-type" }] : [])],
    ...(params.length > 0 ? { searchParam: params } : {}),
  };
}

export function capabilityStatement(e: ProfileEndpoints, date: string): Record<string, unknown> {
  const uris = [
    ["authorize", e.authorize],
    ["token", e.token],
    ["register", e.register],
    ["manage", e.manage],
    ...(e.revoke ? [["revoke", e.revoke]] : []),
    ...(e.introspect ? [["introspect", e.introspect]] : []),
  ];
  const r4 = e.profile === "smart-v2";
  const terminology = r4 ? "http://terminology.hl7.org/CodeSystem/restful-security-service" : "http://hl7.org/fhir/restful-security-service";
  return {
    resourceType: r4 ? "CapabilityStatement" : "Conformance",
    status: "active",
    date,
    publisher: "S4S Sandbox EHR",
    kind: "instance",
    software: { name: "S4S Sandbox EHR" },
    implementation: { description: `Sandbox FHIR ${r4 ? "R4" : "DSTU2"} API`, url: e.fhirBase },
    fhirVersion: r4 ? "4.0.1" : "1.0.2",
    ...(r4 ? {} : { acceptUnknown: "no" }),
    format: ["json"],
    rest: [
      {
        mode: "server",
        security: {
          service: [{ coding: [{ system: terminology, code: "SMART-on-FHIR" }], text: "OAuth2 using SMART-on-FHIR profile" }],
          extension: [{ url: OAUTH_URIS, extension: uris.map(([url, valueUri]) => ({ url, valueUri })) }],
        },
        resource: resourceTypes(e.profile).map((type) => resourceEntry(e, type)),
      },
    ],
  };
}

export function smartConfiguration(e: ProfileEndpoints): Record<string, unknown> {
  return {
    authorization_endpoint: e.authorize,
    token_endpoint: e.token,
    registration_endpoint: e.register,
    revocation_endpoint: e.revoke,
    introspection_endpoint: e.introspect,
    management_endpoint: e.manage,
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"],
    token_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGORITHMS,
    grant_types_supported: ["authorization_code", "refresh_token"],
    response_types_supported: ["code"],
    scopes_supported: V2_SCOPES_SUPPORTED,
    code_challenge_methods_supported: ["S256"],
    capabilities: [
      "launch-standalone",
      "client-public",
      "client-confidential-symmetric",
      "client-confidential-asymmetric",
      "context-standalone-patient",
      "permission-offline",
      "permission-online",
      "permission-patient",
      "permission-v1",
      "permission-v2",
    ],
  };
}
