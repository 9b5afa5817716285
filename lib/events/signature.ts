/**
 * How the portal signs a webhook (the scheme docs/RESEARCH-API.md documents for receivers):
 *   Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 * keyed with the endpoint's signing secret exactly as shown once when it was added ("whsec_…").
 * Each attempt is signed at its own time, so a receiver can refuse old timestamps (replays).
 */
import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "Portal-Signature";
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}
