import "server-only";
import { findResearchClient } from "../data/research-clients";
import { issueResearchToken, rememberAssertionJti } from "../data/research-tokens";
import { tokenUrl } from "../fhir-server/urls";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { log } from "../log";
import type { RegisteredClient } from "./assertion";
import { fetchJwks, type PublicJwks } from "./jwks";
import { handleTokenRequest } from "./token-request";

/**
 * The token endpoint as the portal runs it: clients from the database, JWKS URLs fetched under
 * the EHR URL policy and cached as long as their Cache-Control allows (at most an hour), jtis
 * remembered in the database (so every portal instance refuses a replay).
 */
const jwksCache = new Map<string, { jwks: PublicJwks; until: number }>();

async function jwksFromUrl(client: RegisteredClient, fresh: boolean) {
  const url = client.jwksUrl!;
  const cached = jwksCache.get(client.id);
  if (!fresh && cached && cached.until > Date.now()) return { ok: true as const, jwks: cached.jwks };
  const fetched = await fetchJwks(url, { policy: ehrUrlPolicy(), timeoutMs: Math.min(ehrTimeoutMs(), 10_000) });
  if (!fetched.ok) {
    log.warn("research_token.jwks_failed", { clientId: client.id, problem: fetched.message });
    return fetched;
  }
  if (fetched.cacheSeconds > 0) jwksCache.set(client.id, { jwks: fetched.jwks, until: Date.now() + fetched.cacheSeconds * 1000 });
  else jwksCache.delete(client.id);
  return { ok: true as const, jwks: fetched.jwks };
}

export async function tokenEndpoint(request: Request): Promise<Response> {
  const response = await handleTokenRequest(request, tokenUrl(), {
    findClient: findResearchClient,
    jwksFromUrl,
    rememberJti: rememberAssertionJti,
    issueToken: (client, scope, expiresAt) => issueResearchToken(client, scope, expiresAt),
    now: () => new Date(),
  });
  if (response.status === 200) log.info("research_token.issued", {});
  else {
    // Our own words only (the descriptions name the check that failed, never a token or key).
    const refusal = (await response.clone().json()) as { error?: string; error_description?: string };
    log.info("research_token.refused", { status: response.status, error: refusal.error, description: refusal.error_description });
  }
  return response;
}
