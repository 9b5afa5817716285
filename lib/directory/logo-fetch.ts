import "server-only";
import { send } from "../ehr-http";
import { env } from "../env";
import { ehrUrlPolicy } from "../health-systems/policy";
import { checkEndpointUrl, resolvesToAllowedAddress } from "../ehr-http/url-policy";
import { checkLogo, decodeDataUrl, type LogoCheck } from "./logo-check";

const LOGO_TIMEOUT_MS = 5_000;

export const maxLogoBytes = () => env().DIRECTORY_LOGO_MAX_KB * 1024;

/**
 * A brand's logo, fetched by the portal (never hot-linked): a data: URL is decoded; an https URL
 * goes through the URL policy (checked again at the socket) and the bounded EHR transport (no redirects: a logo host that
 * redirects, to a private address or anywhere, is refused). Then the bytes are checked.
 */
export async function loadLogo(url: string): Promise<LogoCheck> {
  const max = maxLogoBytes();
  const data = decodeDataUrl(url, max);
  if (data) return "reason" in data ? { ok: false, reason: data.reason } : checkLogo(data.bytes, max);
  const policy = ehrUrlPolicy();
  const checked = checkEndpointUrl(url, policy, "logo address");
  if (!checked.ok) return { ok: false, reason: /https/.test(checked.error.message + (checked.error.kind === "url-policy" ? checked.error.problem : "")) ? "logo address is not https" : "logo address is not allowed" };
  const resolved = await resolvesToAllowedAddress(checked.value.hostname, policy, { timeoutMs: LOGO_TIMEOUT_MS });
  if (!resolved.ok) return { ok: false, reason: resolved.error.kind === "url-policy" ? "logo host is a private or reserved address" : "logo host does not resolve" };
  const answer = await send(checked.value, { method: "GET", headers: { accept: "image/png, image/svg+xml, image/*;q=0.8" } }, { timeoutMs: LOGO_TIMEOUT_MS, maxBytes: max }, { policy });
  if (!answer.ok && answer.kind === "refused") return { ok: false, reason: "logo host is a private or reserved address" };
  if (!answer.ok) return { ok: false, reason: answer.kind === "too-large" ? `logo is larger than ${Math.round(max / 1024)} KB` : answer.kind === "timeout" ? "logo host timed out" : "logo host did not answer" };
  if (answer.status >= 300 && answer.status < 400) return { ok: false, reason: "logo address redirects" };
  if (answer.status !== 200) return { ok: false, reason: `logo address answered error ${answer.status}` };
  return checkLogo(answer.bytes, max);
}
