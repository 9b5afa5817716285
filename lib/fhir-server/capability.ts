/**
 * What the portal's FHIR API says about itself: the R4 CapabilityStatement (`/metadata`: the
 * Group `$export` operation of Bulk Data Access 2.0 and SMART security) and the SMART
 * configuration (`/.well-known/smart-configuration`: Backend Services only). Pure.
 */
export function capabilityStatement(input: { fhirBaseUrl: string; tokenUrl: string; studyName: string; date: string }) {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: input.date,
    kind: "instance",
    publisher: input.studyName,
    instantiates: ["http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"],
    software: { name: "Participant enrollment portal" },
    implementation: { description: `${input.studyName}: the study's own data, for research tools (FHIR Bulk Data export)`, url: input.fhirBaseUrl },
    fhirVersion: "4.0.1",
    format: ["json"],
    rest: [
      {
        mode: "server",
        documentation: "Resources are exported as their health systems sent them (DSTU2 or R4; the manifest states each file's version), each tagged in meta.tag with the study's participant id.",
        security: {
          cors: false,
          service: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "SMART-on-FHIR" }], text: "SMART Backend Services: client_credentials with a private_key_jwt assertion (RS384 or ES384)" }],
          extension: [{ url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris", extension: [{ url: "token", valueUri: input.tokenUrl }] }],
        },
        resource: [
          {
            type: "Group",
            interaction: [{ code: "read" }],
            operation: [{ name: "export", definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export" }],
          },
        ],
      },
    ],
  };
}

export const SUPPORTED_SCOPES = ["system/*.read", "system/*.rs"];

export function smartConfiguration(input: { tokenUrl: string }) {
  return {
    token_endpoint: input.tokenUrl,
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
    grant_types_supported: ["client_credentials"],
    scopes_supported: SUPPORTED_SCOPES,
    capabilities: ["client-confidential-asymmetric", "permission-v1", "permission-v2"],
    code_challenge_methods_supported: ["S256"],
  };
}
