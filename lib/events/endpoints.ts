import "server-only";
import { addWebhookEndpoint, retryFailedDeliveries, stopWebhookEndpoint } from "../data/webhooks";
import { forgetEndpointCheck } from "../data/webhook-outbox";
import { ehrUrlPolicy } from "../health-systems/policy";
import { checkEndpointUrl, resolvesToAllowedAddress, technicalDescription, type LookupAll } from "../smart";
import type { StaffSession } from "../staff/roles";
import { newSigningSecret } from "./signature";
import type { EventType } from "./types";

/**
 * What admins do with webhook endpoints. A URL passes the same policy as every address the
 * portal calls (production: https, public addresses only; no user info; never cloud metadata),
 * checked now against DNS and again before every delivery.
 */
export const MAX_WEBHOOK_URL_LENGTH = 2_000;

export async function checkWebhookUrl(url: string, lookup?: LookupAll): Promise<{ ok: true; url: string } | { ok: false; message: string }> {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, message: "The address is too long." };
  const policy = ehrUrlPolicy();
  const checked = checkEndpointUrl(url.trim(), policy, "the webhook address");
  if (!checked.ok) return { ok: false, message: `That address cannot be used: ${technicalDescription(checked.error)}.` };
  const resolved = await resolvesToAllowedAddress(checked.value.hostname, policy, { ...(lookup && { lookup }), timeoutMs: 5_000 });
  if (!resolved.ok) return { ok: false, message: `That address cannot be used: ${technicalDescription(resolved.error)}.` };
  return { ok: true, url: checked.value.toString() };
}

export async function addWebhook(staff: StaffSession, input: { url: string; events: EventType[] }): Promise<{ ok: true; id: string; secret: string } | { ok: false; message: string }> {
  if (input.events.length === 0) return { ok: false, message: "Choose at least one event to send." };
  const checked = await checkWebhookUrl(input.url);
  if (!checked.ok) return checked;
  const secret = newSigningSecret();
  const { id } = await addWebhookEndpoint(staff, { url: checked.url, events: input.events, secret });
  forgetEndpointCheck();
  return { ok: true, id, secret };
}

export async function stopWebhook(staff: StaffSession, id: string): Promise<boolean> {
  const stopped = await stopWebhookEndpoint(staff, id);
  if (!stopped) return false;
  forgetEndpointCheck();
  return true;
}

export async function retryWebhook(staff: StaffSession, id: string): Promise<number> {
  return retryFailedDeliveries(staff, id);
}
