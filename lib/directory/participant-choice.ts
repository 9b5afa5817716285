import "server-only";
import { cookies } from "next/headers";
import { currentParticipant } from "../auth/participant-auth";
import { getParticipantConsent } from "../data/participants";
import { consentCookieName, readConsentCookie } from "../enrollment/consent-cookie";
import { consentInForce } from "../enrollment/consent-in-force";
import { env } from "../env";
import { AttemptWindow } from "../staff/rate-limit";
import { activateHealthSystem, type Activation } from "./activate";

/** A visitor may set off at most this many activations (each a discovery and a registration) a minute. */
const activations = new AttemptWindow(20, 60_000);

/**
 * A participant chose a directory endpoint: only someone who agreed to the study's consent may
 * make the portal register at a health system, and no one too often.
 */
export async function activateForParticipant(endpointId: string, clientKey: string): Promise<Activation | { ok: false; reason: "consent" | "too-many" }> {
  // The same rule as "Connect to …" (lib/enrollment/start.ts): a consent given since any withdrawal.
  const me = await currentParticipant();
  const fromCookie = readConsentCookie((await cookies()).get(consentCookieName())?.value);
  if (!consentInForce(fromCookie, me ? await getParticipantConsent(me, env().CONSENT_VERSION) : null)) return { ok: false, reason: "consent" };
  if (!activations.take(clientKey)) return { ok: false, reason: "too-many" };
  return activateHealthSystem(endpointId);
}
