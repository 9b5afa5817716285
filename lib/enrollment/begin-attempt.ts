import "server-only";
import { endFailedAttempt, reserveEnrollmentAttempt, reuseOpenAttempt, setAttemptClient } from "../data/enrollment-attempts";
import { getHealthSystem, getHealthSystemConfig } from "../data/health-systems";
import { env } from "../env";
import { callbackUrl } from "../health-systems/policy";
import { registerClient } from "../health-systems/register-client";
import { log } from "../log";
import type { TokenEndpointAuthMethod } from "../smart";
import { AttemptWindow } from "../staff/rate-limit";

export type BeginAttemptInput = {
  healthSystemId: string;
  /** The client's address bucket (addressBucket(clientAddress(…))). */
  client: string;
  /** This browser's enrollment attempt, from its cookie. */
  openAttemptId?: string;
  participantId: string | null;
  consent: { version: string; consentedAt: Date };
};

export type BeginAttemptOutcome = { ok: true; attemptId: string; reused: boolean } | { ok: false; reason: "unknown" | "setup" | "busy" };

/** New attempts per client address per minute, in this process (ENROLLMENT_STARTS_PER_CLIENT_PER_MINUTE). */
let perClient: AttemptWindow | undefined;
const clientWindow = () => (perClient ??= new AttemptWindow(env().ENROLLMENT_STARTS_PER_CLIENT_PER_MINUTE, 60_000));

/**
 * "Connect to …", once the study consent was checked (security review finding 6: every press used
 * to register a client at a per-participant EHR and store an attempt with its sealed secret).
 *
 * 1. This browser's still-open attempt for the same health system (and participant) is used
 *    again, with the client registered for it: nothing is registered or stored.
 * 2. Otherwise a new attempt counts against two limits: per client address (in this process)
 *    and per health system (every process, counted in the database); over either, "busy".
 * 3. Only then, for a per-participant health system, a client is registered for the attempt; if
 *    that fails, the attempt is removed.
 * No Next.js here: startEnrollment reads the cookies and redirects.
 */
export async function beginAttempt(input: BeginAttemptInput): Promise<BeginAttemptOutcome> {
  const { healthSystemId, participantId, consent } = input;
  const healthSystem = await getHealthSystemConfig(healthSystemId);
  const summary = healthSystem ? await getHealthSystem(healthSystemId) : null;
  if (!healthSystem || !summary) return { ok: false, reason: "unknown" };
  const perParticipant = healthSystem.strategy === "per-participant";
  if (!perParticipant && !summary.clientId) return { ok: false, reason: "setup" };

  const again = { healthSystemId, participantId, consentVersion: consent.version, consentedAt: consent.consentedAt, needsClient: perParticipant };
  if (await reuseOpenAttempt(input.openAttemptId, again)) return { ok: true, attemptId: input.openAttemptId!, reused: true };

  if (!clientWindow().take(input.client)) {
    log.warn("enrollment.busy", { healthSystemId, limit: "client" });
    return { ok: false, reason: "busy" };
  }
  const attemptId = await reserveEnrollmentAttempt(
    { healthSystemId, consentVersion: consent.version, consentedAt: consent.consentedAt, ...(participantId && { participantId }) },
    env().ENROLLMENT_STARTS_PER_HEALTH_SYSTEM_PER_MINUTE,
  );
  if (!attemptId) {
    log.warn("enrollment.busy", { healthSystemId, limit: "health-system" });
    return { ok: false, reason: "busy" };
  }
  if (perParticipant) {
    const registered = await registerClient(healthSystem.config, {
      redirectUri: callbackUrl(healthSystemId),
      scope: healthSystem.scope,
      authMethod: summary.tokenEndpointAuthMethod as TokenEndpointAuthMethod,
    });
    if (!registered.ok) {
      log.warn("enrollment.registration_failed", { healthSystemId, kind: registered.error.kind });
      await endFailedAttempt(attemptId, "setup");
      return { ok: false, reason: "setup" };
    }
    await setAttemptClient(attemptId, registered.value);
  }
  return { ok: true, attemptId, reused: false };
}
