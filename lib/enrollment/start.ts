import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { createEnrollmentAttempt, recordFailedStart } from "../data/enrollment-attempts";
import { getHealthSystem, getHealthSystemConfig } from "../data/health-systems";
import { getParticipantConsent } from "../data/participants";
import { env } from "../env";
import { callbackUrl, providerIdFor } from "../health-systems/policy";
import { registerClient } from "../health-systems/register-client";
import { ATTEMPT_COOKIE, attemptCookieOptions } from "../auth/cookies";
import { currentParticipantId, signIn } from "../auth/participant-auth";
import { log } from "../log";
import type { TokenEndpointAuthMethod } from "../smart";
import { enrollmentContext } from "./context";
import { CONSENT_COOKIE, readConsentCookie } from "./consent-cookie";

/**
 * Walkthrough step 2: the participant chose a health system. Check their study consent, register
 * a client for them where the EHR keeps one live authorization per client, record the attempt,
 * and send them to the EHR's authorize endpoint (next-auth adds state and PKCE).
 * Never returns normally: it redirects (to the EHR, or back with a problem).
 */
export async function startEnrollment(healthSystemId: string): Promise<never> {
  const participantId = await currentParticipantId();
  const consent =
    readConsentCookie((await cookies()).get(CONSENT_COOKIE)?.value) ??
    (participantId ? await getParticipantConsent(participantId, env().CONSENT_VERSION) : null);
  if (!consent) redirect("/connect?error=consent");

  const healthSystem = await getHealthSystemConfig(healthSystemId);
  const summary = healthSystem ? await getHealthSystem(healthSystemId) : null;
  if (!healthSystem || !summary) redirect("/connect/choose?error=unknown");
  let client: { clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string } | undefined;
  if (healthSystem.strategy === "per-participant") {
    const registered = await registerClient(healthSystem.config, {
      redirectUri: callbackUrl(healthSystemId),
      scope: healthSystem.scope,
      authMethod: summary.tokenEndpointAuthMethod as TokenEndpointAuthMethod,
    });
    if (!registered.ok) {
      log.warn("enrollment.registration_failed", { healthSystemId, kind: registered.error.kind });
      await recordFailedStart({ healthSystemId, consentVersion: consent.version, consentedAt: consent.consentedAt, failure: "setup" });
      redirect("/connect/problem?reason=setup");
    }
    client = registered.value;
  } else if (!summary.clientId) {
    redirect("/connect/problem?reason=setup");
  }

  const attemptId = await createEnrollmentAttempt({
    healthSystemId,
    consentVersion: consent.version,
    consentedAt: consent.consentedAt,
    ...(participantId && { participantId }),
    ...(client && { client }),
  });
  (await cookies()).set(ATTEMPT_COOKIE, attemptId, attemptCookieOptions());
  log.info("enrollment.started", { healthSystemId, perParticipantClient: Boolean(client) });
  return enrollmentContext.run({ attemptId }, () => signIn(providerIdFor(healthSystemId), { redirectTo: "/connect/done" }));
}
