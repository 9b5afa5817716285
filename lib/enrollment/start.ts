import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getParticipantConsent } from "../data/participants";
import { env } from "../env";
import { providerIdFor } from "../health-systems/policy";
import { attemptCookieName, attemptCookieOptions } from "../auth/cookies";
import { currentParticipant, signIn } from "../auth/participant-auth";
import { log } from "../log";
import { addressBucket, clientAddress } from "../security/client-address";
import { beginAttempt } from "./begin-attempt";
import { enrollmentContext } from "./context";
import { consentCookieName, readConsentCookie } from "./consent-cookie";
import { consentInForce, missingConsentReason } from "./consent-in-force";

/**
 * Walkthrough step 2: the participant chose a health system. Check their study consent, then
 * begin the attempt (reuse this browser's open one, or, within the limits, register a client
 * where the EHR keeps one live authorization per client and record a new one: begin-attempt.ts),
 * and send them to the EHR's authorize endpoint (next-auth adds state and PKCE).
 * Never returns normally: it redirects (to the EHR, or back with a problem).
 */
export async function startEnrollment(healthSystemId: string): Promise<never> {
  const me = await currentParticipant();
  const jar = await cookies();
  const stored = me ? await getParticipantConsent(me, env().CONSENT_VERSION, healthSystemId) : null;
  const consent = consentInForce(readConsentCookie(jar.get(consentCookieName())?.value), stored);
  // Still in the study, they had consented before: a new consent version, or a health system they
  // stopped sharing from, asks them to read and agree again (re-consent). After leaving, the
  // consent comes first as for anyone taking part again.
  if (!consent) redirect(`/connect?error=${missingConsentReason(stored)}`);

  const begun = await beginAttempt({
    healthSystemId,
    client: addressBucket(clientAddress(await headers())),
    openAttemptId: jar.get(attemptCookieName())?.value,
    participantId: me?.participantId ?? null,
    consent,
  });
  if (!begun.ok) redirect(begun.reason === "unknown" ? "/connect/choose?error=unknown" : `/connect/problem?reason=${begun.reason}`);
  jar.set(attemptCookieName(), begun.attemptId, attemptCookieOptions());
  log.info("enrollment.started", { healthSystemId, reused: begun.reused });
  return enrollmentContext.run({ attemptId: begun.attemptId }, () => signIn(providerIdFor(healthSystemId), { redirectTo: "/connect/done" }));
}
