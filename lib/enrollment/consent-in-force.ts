/**
 * Which consent a new enrollment attempt starts under (pure): the one this browser just agreed to
 * (its signed cookie), else the one a signed-in participant gave earlier. A participant who
 * withdrew has no earlier consent any more, and a cookie from before the withdrawal does not count
 * either: they read and agree to the consent again (security review finding 8). The same holds
 * for one health system they stopped sharing from: reconnecting it needs a consent given after
 * they stopped (`stoppedAt`), whether from the cookie or stored.
 */
export type Consent = { version: string; consentedAt: Date };

export type ParticipantConsentState = { consent: Consent | null; withdrawnAt: Date | null; stoppedAt?: Date | null };

export function consentInForce(fromCookie: Consent | null, participant: ParticipantConsentState | null): Consent | null {
  const after = latest(participant?.withdrawnAt ?? null, participant?.stoppedAt ?? null);
  const counts = (consent: Consent | null) => consent !== null && (!after || consent.consentedAt > after);
  if (counts(fromCookie)) return fromCookie;
  const stored = participant?.consent ?? null;
  return counts(stored) ? stored : null;
}

/**
 * Why there is no consent in force, for the consent page's words: "reconsent" for a signed-in
 * participant still in the study (a new CONSENT_VERSION, or a health system they stopped sharing
 * from), "consent" for anyone else (never consented in this browser, or left the study).
 */
export function missingConsentReason(participant: ParticipantConsentState | null): "reconsent" | "consent" {
  return participant && !participant.withdrawnAt ? "reconsent" : "consent";
}

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
