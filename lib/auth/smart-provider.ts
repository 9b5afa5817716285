import "server-only";
import { customFetch } from "next-auth";
import type { OAuthConfig } from "next-auth/providers";
import { rememberBasicAuthEncoding, type StoredHealthSystem } from "../data/health-systems";
import { enrollmentContext, recordFailure, timedEhrCall } from "../enrollment/context";
import type { EnrollmentFailure } from "../enrollment/failures";
import { ehrUrlPolicy, providerIdFor } from "../health-systems/policy";
import { exchangeCode, type ClientCredentials, type SmartError } from "../smart";
import { log } from "../log";
import { askApprovalEnd } from "../smart/approval-end";

/** What the EHR's answer to the token request means for the participant. */
export function failureForTokenError(error: SmartError): EnrollmentFailure {
  if (error.kind === "oauth") {
    if (error.code === "invalid_grant") return "expired";
    if (error.code === "invalid_client" || error.code === "unauthorized_client") return "setup";
    return error.transient ? "ehr-unavailable" : "ehr-refused";
  }
  return error.transient ? "ehr-unavailable" : "ehr-invalid";
}

/** What next-auth sees instead of the real tokens: they stay in the portal (enrollment context). */
const TOKENS_HELD_BY_PORTAL = { access_token: "held-by-portal", token_type: "bearer" };

/**
 * The custom next-auth provider for SMART App Launch (standalone patient launch), one per health
 * system. next-auth builds the authorize redirect (response_type=code, client_id, redirect_uri,
 * scope, aud, state, PKCE S256) and checks state and PKCE on the callback; the token request
 * itself (walkthrough step 4) goes through lib/smart's exchangeCode, bounded in time and size,
 * with the EHR's client authentication, so the tokens never pass through next-auth.
 */
export function smartProvider(
  healthSystem: StoredHealthSystem,
  client: ClientCredentials | null,
  timeoutMs: number,
): OAuthConfig<{ id: string }> {
  const { config } = healthSystem;
  const tokenRequest: typeof fetch = async (input, init) => {
    const store = enrollmentContext.getStore();
    const form = new URLSearchParams(init?.body as URLSearchParams | string | undefined);
    if (!store || !client || String(input) !== config.tokenEndpoint || form.get("grant_type") !== "authorization_code") {
      recordFailure("setup", "unexpected token request");
      return Response.json({ error: "invalid_request" }, { status: 400 });
    }
    const result = await timedEhrCall(() =>
      exchangeCode({
        config,
        client: healthSystem.basicAuthEncoding ? { ...client, basicAuthEncoding: healthSystem.basicAuthEncoding } : client,
        onBasicAuthEncoding: (encoding) => void rememberBasicAuthEncoding(healthSystem.id, encoding).catch(() => {}),
        code: form.get("code") ?? "",
        redirectUri: form.get("redirect_uri") ?? "",
        codeVerifier: form.get("code_verifier") ?? "",
        timeoutMs,
        policy: ehrUrlPolicy(),
      }),
    );
    if (!result.ok) {
      const detail = result.error.kind === "oauth" ? result.error.code : result.error.kind;
      log.warn("enrollment.token_failed", { healthSystemId: healthSystem.id, kind: result.error.kind, detail, status: result.error.status });
      recordFailure(failureForTokenError(result.error), detail);
      return Response.json({ error: "invalid_grant" }, { status: 400 });
    }
    // Where the token response did not say when the approval ends, ask the EHR (S4S tells it
    // only through its introspection): the participant and staff see the EHR's date, or "not told".
    const approvalEnd = result.value.refreshToken && !result.value.refreshTokenExpiresAt
      ? await timedEhrCall(() => askApprovalEnd({ tokenEndpoint: config.tokenEndpoint, accessToken: result.value.accessToken }, { timeoutMs: Math.min(timeoutMs, 5000), policy: ehrUrlPolicy() }))
      : null;
    store.tokens = approvalEnd ? { ...result.value, refreshTokenExpiresAt: approvalEnd } : result.value;
    return Response.json(TOKENS_HELD_BY_PORTAL, { headers: { "cache-control": "no-store" } });
  };

  return {
    id: providerIdFor(healthSystem.id),
    name: healthSystem.name,
    type: "oauth",
    // RFC 9207: where the EHR sends `iss` on the callback, it must be this.
    issuer: config.issuer ?? config.fhirBaseUrl,
    clientId: client?.clientId ?? "not-registered",
    // The real client authentication is applied by lib/smart in tokenRequest.
    client: { token_endpoint_auth_method: "none" },
    checks: ["pkce", "state"],
    authorization: { url: config.authorizationEndpoint, params: { scope: healthSystem.scope, aud: config.fhirBaseUrl } },
    token: config.tokenEndpoint,
    // SMART has no userinfo endpoint: the participant is identified by the token response's
    // `patient`, which the portal reads from the tokens it holds (lib/enrollment/complete.ts).
    userinfo: { url: config.tokenEndpoint, request: () => ({ id: "participant" }) },
    profile: (profile) => ({ id: profile.id }),
    [customFetch]: tokenRequest,
  };
}
