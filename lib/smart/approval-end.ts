/**
 * When the participant's approval ends, asked of the EHR where the token response did not say
 * (`refresh_token_expires_in` is not in RFC 6749; the S4S reference server never sends it).
 *
 * The S4S SMART Reference Server (sync-for-science/auth-proxy) keeps the "Share until" date the
 * participant chose as the grant's approval expiry and tells it only through its introspection
 * endpoint, `GET <server>/oauth/debug/introspect?token=` (beside `<server>/oauth/token`), which
 * prints `approval_expires` as an HTTP date. The access token is sent (it lives an hour; the
 * long-lived refresh token never goes into a URL). Any other answer, or none, means "not told":
 * the caller shows that, never a guess.
 */
import { z } from "zod";
import { requestJson, type HttpOptions } from "./http";

const S4S_TOKEN_PATH = /\/oauth\/token$/;

const Introspection = z.object({
  active: z.boolean(),
  approval_expires: z.string().max(64),
});

/** The S4S reference server's introspection URL for a token endpoint, when it has that layout. */
export function s4sIntrospectionUrl(tokenEndpoint: string): URL | null {
  const url = new URL(tokenEndpoint);
  if (!S4S_TOKEN_PATH.test(url.pathname) || url.search) return null;
  url.pathname = url.pathname.replace(S4S_TOKEN_PATH, "/oauth/debug/introspect");
  return url;
}

/** The approval's end as the EHR states it, or null when it does not (or says nonsense). */
export async function askApprovalEnd(
  input: { tokenEndpoint: string; accessToken: string },
  options: HttpOptions = {},
): Promise<Date | null> {
  const url = s4sIntrospectionUrl(input.tokenEndpoint);
  if (!url) return null;
  url.searchParams.set("token", input.accessToken);
  const answer = await requestJson(url, { headers: { Accept: "application/json" } }, { maxBytes: 16_384, ...options });
  if (!answer.ok) return null;
  const parsed = Introspection.safeParse(answer.value.body);
  if (!parsed.success || !parsed.data.active) return null;
  const end = new Date(parsed.data.approval_expires);
  const now = options.now?.() ?? new Date();
  // Bounds: an end in the past or beyond ten years is not a date the study can rely on.
  if (Number.isNaN(end.getTime()) || end <= now || end.getTime() - now.getTime() > 10 * 366 * 86_400_000) return null;
  return end;
}
