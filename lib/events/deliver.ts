import "server-only";
import { backoffDelayMs } from "../connections/backoff";
import { claimDueDeliveries, recordDeliveryOutcome, type ClaimedDelivery, type DeliveryOutcome } from "../data/webhook-outbox";
import { log } from "../log";
import { checkEndpointUrl, requestText, resolvesToAllowedAddress, technicalDescription, type LookupAll, type UrlPolicy } from "../smart";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

/**
 * Delivers due webhook events: claims a batch (a lease no other worker can take), POSTs each
 * signed body through the portal's bounded HTTP path (timeout, size cap, no redirects followed,
 * the URL policy checked against DNS before every attempt), then records the outcome — delivered
 * on any 2xx, otherwise another attempt after an exponential backoff (30 s doubling to 6 h, never
 * before the receiver's Retry-After), and "failed" after the last attempt.
 */
export type DispatchSettings = {
  owner: string;
  policy: UrlPolicy;
  timeoutMs: number;
  maxAttempts: number;
  batchSize?: number;
  lookup?: LookupAll;
};

const MAX_ANSWER_BYTES = 1_048_576;
const BACKOFF = { baseMs: 30_000, maxMs: 6 * 3_600_000 };

export async function deliverDueWebhooks(settings: DispatchSettings): Promise<{ attempted: number; delivered: number }> {
  // The lease outlasts the longest attempt (DNS check + request), so it never lapses mid-attempt.
  const claimed = await claimDueDeliveries(settings.owner, settings.batchSize ?? 20, settings.timeoutMs + 35_000);
  const outcomes = await Promise.all(claimed.map((delivery) => deliverOne(delivery, settings)));
  return { attempted: outcomes.length, delivered: outcomes.filter((o) => o.kind === "delivered").length };
}

async function attempt(delivery: ClaimedDelivery, settings: DispatchSettings): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string; retryAfterSeconds?: number }> {
  const checked = checkEndpointUrl(delivery.endpoint.url, settings.policy, "the webhook address");
  if (!checked.ok) return { ok: false, status: null, error: technicalDescription(checked.error) };
  const resolved = await resolvesToAllowedAddress(checked.value.hostname, settings.policy, { ...(settings.lookup && { lookup: settings.lookup }), timeoutMs: 5_000 });
  if (!resolved.ok) return { ok: false, status: null, error: technicalDescription(resolved.error) };
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": "participant-portal-webhooks/1",
    "Portal-Event-Id": delivery.eventId,
    "Portal-Event-Type": delivery.eventType,
    [SIGNATURE_HEADER]: signatureHeader(delivery.endpoint.secret, delivery.body, new Date()),
  };
  const result = await requestText(checked.value, { method: "POST", headers, body: delivery.body }, { timeoutMs: settings.timeoutMs, maxBytes: MAX_ANSWER_BYTES, policy: settings.policy, ...(settings.lookup && { lookup: settings.lookup }) });
  if (result.ok) return { ok: true, status: result.value.status };
  const error = result.error;
  return { ok: false, status: error.status ?? null, error: technicalDescription(error), ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }) };
}

async function deliverOne(delivery: ClaimedDelivery, settings: DispatchSettings): Promise<DeliveryOutcome> {
  let outcome: DeliveryOutcome;
  if (!delivery.endpoint.active) outcome = { kind: "cancelled" };
  else {
    const result = await attempt(delivery, settings).catch((error: unknown) => ({ ok: false as const, status: null, error: `unexpected: ${error instanceof Error ? error.message : String(error)}` }));
    if (result.ok) outcome = { kind: "delivered", status: result.status };
    else if (delivery.attempts + 1 >= settings.maxAttempts) outcome = { kind: "failed", status: result.status, error: result.error };
    else {
      const delay = Math.min(BACKOFF.maxMs, backoffDelayMs(delivery.attempts, "retryAfterSeconds" in result ? result.retryAfterSeconds : undefined, BACKOFF));
      outcome = { kind: "retry", status: result.status, error: result.error, nextAttemptAt: new Date(Date.now() + delay) };
    }
  }
  await recordDeliveryOutcome(delivery.id, settings.owner, outcome);
  const fields = { deliveryId: delivery.id, endpointId: delivery.endpoint.id, eventType: delivery.eventType, attempt: delivery.attempts + 1 };
  if (outcome.kind === "delivered") log.info("webhook.delivered", { ...fields, status: outcome.status });
  else if (outcome.kind !== "cancelled") log.warn("webhook.attempt_failed", { ...fields, status: outcome.status, error: outcome.error, final: outcome.kind === "failed" });
  return outcome;
}
