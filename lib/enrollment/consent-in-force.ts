/**
 * Which consent a new enrollment attempt starts under (pure): the one this browser just agreed to
 * (its signed cookie), else the one a signed-in participant gave earlier. A participant who
 * withdrew has no earlier consent any more, and a cookie from before the withdrawal does not count
 * either: they read and agree to the consent again (security review finding 8).
 */
export type Consent = { version: string; consentedAt: Date };

export function consentInForce(fromCookie: Consent | null, participant: { consent: Consent | null; withdrawnAt: Date | null } | null): Consent | null {
  const withdrawnAt = participant?.withdrawnAt ?? null;
  if (fromCookie && (!withdrawnAt || fromCookie.consentedAt > withdrawnAt)) return fromCookie;
  return participant?.consent ?? null;
}
