import "server-only";
import { researchCallerForToken, type ResearchCaller } from "../data/research-tokens";
import { outcomeResponse } from "./outcome";

/**
 * Who is calling the FHIR API: a research client presenting a bearer token from the token
 * endpoint. Nothing else opens it — not a staff or participant session cookie (they are not
 * even read), not a token of a health system.
 */
const CHALLENGE = 'Bearer realm="study-fhir-api"';

export async function researchCaller(request: Request): Promise<{ ok: true; caller: ResearchCaller } | { ok: false; response: Response }> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    const withCookie = (request.headers.get("cookie") ?? "") !== "";
    const message = withCookie
      ? "This API does not accept sign-in cookies. Research tools authenticate with SMART Backend Services: get an access token from the token endpoint in .well-known/smart-configuration and send it as Authorization: Bearer."
      : "Send an access token from the token endpoint (see .well-known/smart-configuration) as Authorization: Bearer.";
    return { ok: false, response: outcomeResponse(401, "login", message, { "www-authenticate": CHALLENGE }) };
  }
  const caller = await researchCallerForToken(match[1]!);
  if (!caller) {
    return {
      ok: false,
      response: outcomeResponse(401, "login", "The access token is not valid or has expired (tokens last five minutes); get a new one from the token endpoint.", {
        "www-authenticate": `${CHALLENGE}, error="invalid_token"`,
      }),
    };
  }
  return { ok: true, caller };
}
