/** Bearer-token checks in front of the FHIR API: which grant is asking, and what it may see. */
import type { Grant } from "../state/model";
import type { Store } from "../state/store";
import type { Profile } from "../state/model";
import { splitScope } from "../oauth/scopes";
import { fail, ok, type Result } from "../util/result";

export interface Access {
  grant: Grant;
  scopes: string[];
}

export interface AccessDenied {
  message: string;
  /** The value for `WWW-Authenticate`. */
  challenge: string;
}

export function authenticateBearer(
  store: Store,
  profile: Profile,
  realm: string,
  header: string | undefined,
  now: number,
): Result<Access, AccessDenied> {
  if (!header) return fail({ message: "An access token is required.", challenge: `Bearer realm="${realm}"` });
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const invalid = (message: string) => fail({ message, challenge: `Bearer realm="${realm}", error="invalid_token"` });
  if (!match?.[1]) return invalid("The Authorization header is not a Bearer token.");
  const grant = store.grantByAccessToken(match[1]);
  if (!grant?.tokens || grant.profile !== profile) return invalid("The access token is not valid here.");
  if (grant.tokens.accessExpiresAt <= now) return invalid("The access token has expired.");
  return ok({ grant, scopes: splitScope(grant.tokens.scope) });
}
