import { describe, expect, it } from "vitest";
import { authorizationResponse, authorizeUrl, codeChallengeFor, createPkce, createState } from "./authorize";
import type { SmartConfiguration } from "./discovery";

const config: SmartConfiguration = {
  fhirBaseUrl: "https://portal.demo.syncfor.science/api/fhir",
  authorizationEndpoint: "https://portal.demo.syncfor.science/oauth/authorize",
  tokenEndpoint: "https://portal.demo.syncfor.science/oauth/token",
  capabilities: [],
  codeChallengeMethods: [],
  scopesSupported: [],
  tokenEndpointAuthMethods: [],
  grantTypes: [],
  source: "capability-statement",
};

describe("authorizeUrl", () => {
  it("builds the walkthrough's URL, plus PKCE S256", () => {
    const url = authorizeUrl({
      config,
      clientId: "f05b268b-78aa-4f51-bd89-a98052c18731",
      redirectUri: "https://not-a-real-site/authorized",
      scope: "launch/patient patient/*.read offline_access",
      state: "my-obscured-state",
      codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    });
    expect(`${url.origin}${url.pathname}`).toBe("https://portal.demo.syncfor.science/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "f05b268b-78aa-4f51-bd89-a98052c18731",
      redirect_uri: "https://not-a-real-site/authorized",
      scope: "launch/patient patient/*.read offline_access",
      state: "my-obscured-state",
      aud: "https://portal.demo.syncfor.science/api/fhir",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
  });

  it("keeps the endpoint's own query and lets the caller set aud", () => {
    const url = authorizeUrl({
      config: { ...config, authorizationEndpoint: "https://ehr.example.org/authorize?tenant=7" },
      clientId: "c", redirectUri: "https://portal.example/cb", scope: "s", state: "st", codeChallenge: "cc",
      aud: "https://ehr.example.org/fhir",
    });
    expect([url.searchParams.get("tenant"), url.searchParams.get("aud")]).toEqual(["7", "https://ehr.example.org/fhir"]);
  });
});

describe("PKCE and state", () => {
  it("matches the RFC 7636 appendix B example", () => {
    expect(codeChallengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("creates fresh 43-character verifiers and 256-bit states", () => {
    const a = createPkce();
    const b = createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.challenge).toBe(codeChallengeFor(a.verifier));
    expect(a.verifier).not.toBe(b.verifier);
    expect(createState()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createState()).not.toBe(createState());
  });
});

describe("authorizationResponse", () => {
  const cb = "https://portal.example/callback?";
  it.each<[string, string, Record<string, unknown>]>([
    ["code with the right state", "code=5tQu3bV8XDTYgf8t3VOjzsbVZ5Fuqn&state=my-obscured-state", { ok: true, value: { code: "5tQu3bV8XDTYgf8t3VOjzsbVZ5Fuqn" } }],
    ["code with another state", "code=abc&state=someone-else", { ok: false, error: { kind: "invalid-response" } }],
    ["code without state", "code=abc", { ok: false, error: { kind: "invalid-response" } }],
    ["neither code nor error", "state=my-obscured-state", { ok: false, error: { kind: "invalid-response" } }],
    ["S4S denial without state", "error=access_denied", { ok: false, error: { kind: "oauth", code: "access_denied", transient: false } }],
    ["SMART v2 denial with state", "error=access_denied&state=my-obscured-state&error_description=User+said+no", { ok: false, error: { kind: "oauth", code: "access_denied", description: "User said no" } }],
    ["an error with another state", "error=access_denied&state=forged", { ok: false, error: { kind: "invalid-response" } }],
    ["invalid_scope", "error=invalid_scope&state=my-obscured-state", { ok: false, error: { kind: "oauth", code: "invalid_scope" } }],
  ])("%s", (_name, query, expected) => {
    expect(authorizationResponse(cb + query, "my-obscured-state")).toMatchObject(expected);
  });
});
