import "server-only";
import { getOrCreateClientKey } from "../data/client-keys";
import { env } from "../env";
import { register, type ClientRegistration, type Result, type SmartConfiguration, type TokenEndpointAuthMethod } from "../smart";
import { ehrTimeoutMs, ehrUrlPolicy } from "./policy";

/**
 * RFC 7591 registration of the portal at a health system (walkthrough step 1), with the
 * portal's callback as redirect URI. For private_key_jwt the portal's public key goes by value.
 */
export async function registerClient(
  config: SmartConfiguration,
  { redirectUri, scope, authMethod, clientName }: { redirectUri: string; scope: string; authMethod: TokenEndpointAuthMethod; clientName?: string },
): Promise<Result<ClientRegistration>> {
  const jwks = authMethod === "private_key_jwt" ? { keys: [(await getOrCreateClientKey()).publicJwk] } : undefined;
  return register(config, {
    clientName: clientName ?? env().STUDY_NAME,
    redirectUris: [redirectUri],
    scope,
    tokenEndpointAuthMethod: authMethod,
    ...(jwks && { jwks }),
    policy: ehrUrlPolicy(),
    timeoutMs: ehrTimeoutMs(),
  });
}
