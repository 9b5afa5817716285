import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Unsubscribe links: the participant's id with an HMAC-SHA256 of it under a key derived from the
 * server's secret (AUTH_SECRET) for this one purpose. No database lookup is needed to check one,
 * a changed id or signature does not verify, and the link never expires (people unsubscribe
 * from old emails). Pure: the secret is passed in.
 */
const PURPOSE = "portal/unsubscribe-link/v1";

const keyFor = (secret: string) => createHmac("sha256", secret).update(PURPOSE).digest();

export function unsubscribeSignature(secret: string, participantId: string): string {
  return createHmac("sha256", keyFor(secret)).update(participantId).digest("base64url");
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `signature` is the one for `participantId` (constant time; malformed input is simply false). */
export function verifyUnsubscribe(secret: string, participantId: unknown, signature: unknown): participantId is string {
  if (typeof participantId !== "string" || typeof signature !== "string" || !ID.test(participantId) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
  const expected = Buffer.from(unsubscribeSignature(secret, participantId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The page a person opens from the email (a button confirms: link scanners that open it change nothing). */
export function unsubscribePageUrl(portalUrl: string, secret: string, participantId: string, lang: string): string {
  const url = new URL("/unsubscribe", portalUrl);
  url.search = new URLSearchParams({ p: participantId, s: unsubscribeSignature(secret, participantId), lang }).toString();
  return url.toString();
}

/** The one-click address of the List-Unsubscribe header (RFC 8058: the mail app POSTs to it). */
export function unsubscribeOneClickUrl(portalUrl: string, secret: string, participantId: string): string {
  const url = new URL("/api/unsubscribe", portalUrl);
  url.search = new URLSearchParams({ p: participantId, s: unsubscribeSignature(secret, participantId) }).toString();
  return url.toString();
}
