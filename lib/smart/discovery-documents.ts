/**
 * The two discovery documents a health system may publish, read as untrusted input:
 * `.well-known/smart-configuration` (SMART 1.0+/2.x) and the CapabilityStatement (R4/STU3) or
 * Conformance (DSTU2) `oauth-uris` security extension. Both become one SmartConfiguration.
 */
import { z } from "zod";
import { fail, invalidResponse, ok, type Result } from "./result";
import { checkEndpointUrl, type UrlPolicy } from "../ehr-http/url-policy";
import { parseWith } from "./validate";

export interface SmartConfiguration {
  /** The FHIR base URL, without a trailing slash; also the `aud` of authorization requests. */
  fhirBaseUrl: string;
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  registrationEndpoint?: string;
  revocationEndpoint?: string;
  introspectionEndpoint?: string;
  manageEndpoint?: string;
  capabilities: string[];
  codeChallengeMethods: string[];
  scopesSupported: string[];
  tokenEndpointAuthMethods: string[];
  grantTypes: string[];
  source: "smart-configuration" | "capability-statement";
  fhirVersion?: string;
}

const UrlText = z.string().min(1).max(2048);
const Words = z.array(z.string().max(256)).max(500).optional();

const SmartConfigurationDocument = z.object({
  issuer: UrlText.optional(),
  authorization_endpoint: UrlText,
  token_endpoint: UrlText,
  registration_endpoint: UrlText.optional(),
  revocation_endpoint: UrlText.optional(),
  introspection_endpoint: UrlText.optional(),
  management_endpoint: UrlText.optional(),
  capabilities: Words,
  code_challenge_methods_supported: Words,
  scopes_supported: Words,
  token_endpoint_auth_methods_supported: Words,
  grant_types_supported: Words,
});

const OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
const CAPABILITIES = "http://fhir-registry.smarthealthit.org/StructureDefinition/capabilities";

const ValueExtension = z.object({
  url: z.string().max(2048),
  valueUri: UrlText.optional(),
  valueUrl: UrlText.optional(),
  valueCode: z.string().max(256).optional(),
});
const OauthUrisExtension = z.object({
  url: z.literal(OAUTH_URIS),
  extension: z.array(z.unknown()).max(50),
});
const CapabilityStatementDocument = z.object({
  resourceType: z.enum(["CapabilityStatement", "Conformance"]),
  fhirVersion: z.string().max(32).optional(),
  rest: z
    .array(z.object({ security: z.object({ extension: z.array(z.unknown()).max(200).optional() }).optional() }))
    .max(20)
    .optional(),
});

type EndpointName = "authorize" | "token" | "register" | "manage" | "revoke" | "introspect" | "issuer";

/** Resolves (relative to the FHIR base, as a directory) and checks every endpoint. */
function resolveEndpoints(
  raw: Partial<Record<EndpointName, string>>,
  fhirBaseUrl: string,
  policy: UrlPolicy,
): Result<Partial<Record<EndpointName, string>>> {
  const resolved: Partial<Record<EndpointName, string>> = {};
  for (const [name, value] of Object.entries(raw) as [EndpointName, string | undefined][]) {
    if (value === undefined) continue;
    let absolute: URL;
    try {
      absolute = new URL(value, `${fhirBaseUrl}/`);
    } catch {
      return fail(invalidResponse(`the ${name} endpoint is not a valid URL`));
    }
    const checked = checkEndpointUrl(absolute, policy, `the ${name} endpoint`);
    if (!checked.ok) return checked;
    resolved[name] = checked.value.href;
  }
  return ok(resolved);
}

type DocumentFacts = Pick<
  SmartConfiguration,
  "fhirBaseUrl" | "capabilities" | "codeChallengeMethods" | "scopesSupported" | "tokenEndpointAuthMethods" | "grantTypes" | "source" | "fhirVersion"
>;

function build(endpoints: Partial<Record<EndpointName, string>>, facts: DocumentFacts): Result<SmartConfiguration> {
  const { authorize, token, issuer, register, revoke, introspect, manage } = endpoints;
  if (!authorize || !token) return fail(invalidResponse("the authorize or token endpoint is missing"));
  return ok({
    ...facts,
    authorizationEndpoint: authorize,
    tokenEndpoint: token,
    ...(issuer !== undefined && { issuer }),
    ...(register !== undefined && { registrationEndpoint: register }),
    ...(revoke !== undefined && { revocationEndpoint: revoke }),
    ...(introspect !== undefined && { introspectionEndpoint: introspect }),
    ...(manage !== undefined && { manageEndpoint: manage }),
  });
}

export function fromSmartConfiguration(body: unknown, fhirBaseUrl: string, policy: UrlPolicy): Result<SmartConfiguration> {
  const doc = parseWith(SmartConfigurationDocument, body, "smart-configuration");
  if (!doc.ok) return doc;
  const d = doc.value;
  const endpoints = resolveEndpoints(
    {
      authorize: d.authorization_endpoint,
      token: d.token_endpoint,
      register: d.registration_endpoint,
      revoke: d.revocation_endpoint,
      introspect: d.introspection_endpoint,
      manage: d.management_endpoint,
      issuer: d.issuer,
    },
    fhirBaseUrl,
    policy,
  );
  if (!endpoints.ok) return endpoints;
  return build(endpoints.value, {
    fhirBaseUrl,
    capabilities: d.capabilities ?? [],
    codeChallengeMethods: d.code_challenge_methods_supported ?? [],
    scopesSupported: d.scopes_supported ?? [],
    tokenEndpointAuthMethods: d.token_endpoint_auth_methods_supported ?? [],
    grantTypes: d.grant_types_supported ?? [],
    source: "smart-configuration",
  });
}

export function fromCapabilityStatement(body: unknown, fhirBaseUrl: string, policy: UrlPolicy): Result<SmartConfiguration> {
  const doc = parseWith(CapabilityStatementDocument, body, "metadata");
  if (!doc.ok) return doc;
  const extensions = (doc.value.rest ?? []).flatMap((rest) => rest.security?.extension ?? []);
  const oauthUris = extensions.map((e) => OauthUrisExtension.safeParse(e)).find((p) => p.success)?.data;
  if (!oauthUris) return fail(invalidResponse("metadata: the server does not advertise SMART oauth-uris"));
  const raw: Partial<Record<EndpointName, string>> = {};
  const names: readonly string[] = ["authorize", "token", "register", "manage", "revoke", "introspect"];
  for (const item of oauthUris.extension) {
    const sub = ValueExtension.safeParse(item);
    if (!sub.success || !names.includes(sub.data.url)) continue;
    const value = sub.data.valueUri ?? sub.data.valueUrl;
    if (value !== undefined) raw[sub.data.url as EndpointName] ??= value;
  }
  const endpoints = resolveEndpoints(raw, fhirBaseUrl, policy);
  if (!endpoints.ok) return endpoints;
  const capabilities = extensions.flatMap((e) => {
    const parsed = ValueExtension.safeParse(e);
    return parsed.success && parsed.data.url === CAPABILITIES && parsed.data.valueCode ? [parsed.data.valueCode] : [];
  });
  return build(endpoints.value, {
    fhirBaseUrl,
    capabilities,
    codeChallengeMethods: [],
    scopesSupported: [],
    tokenEndpointAuthMethods: [],
    grantTypes: [],
    source: "capability-statement",
    ...(doc.value.fhirVersion !== undefined && { fhirVersion: doc.value.fhirVersion }),
  });
}
