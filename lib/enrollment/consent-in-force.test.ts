import { describe, expect, it } from "vitest";
import { consentInForce, missingConsentReason } from "./consent-in-force";

const at = (iso: string) => ({ version: "2026-11-v1", consentedAt: new Date(iso) });
const withdrawnAt = new Date("2026-11-20T10:00:00Z");

describe("the consent a new attempt starts under", () => {
  it("is the browser's fresh agreement, else a signed-in participant's earlier consent", () => {
    expect(consentInForce(at("2026-11-21T09:00:00Z"), null)).toEqual(at("2026-11-21T09:00:00Z"));
    expect(consentInForce(null, { consent: at("2026-10-01T00:00:00Z"), withdrawnAt: null })).toEqual(at("2026-10-01T00:00:00Z"));
    expect(consentInForce(null, null)).toBeNull();
  });

  it("finding 8: for a withdrawn participant, only an agreement given after the withdrawal", () => {
    expect(consentInForce(null, { consent: null, withdrawnAt })).toBeNull();
    expect(consentInForce(at("2026-11-20T09:59:59Z"), { consent: null, withdrawnAt })).toBeNull(); // the cookie from before
    expect(consentInForce(at("2026-11-20T10:00:01Z"), { consent: null, withdrawnAt })).toEqual(at("2026-11-20T10:00:01Z"));
  });

  it("after stopping sharing from a health system: reconnecting it needs an agreement given after the stop", () => {
    const stoppedAt = new Date("2026-11-22T10:00:00Z");
    const earlier = at("2026-11-01T00:00:00Z");
    // The stored consent from before the stop, and a cookie from before it, do not count.
    expect(consentInForce(null, { consent: earlier, withdrawnAt: null, stoppedAt })).toBeNull();
    expect(consentInForce(at("2026-11-22T09:00:00Z"), { consent: earlier, withdrawnAt: null, stoppedAt })).toBeNull();
    expect(consentInForce(at("2026-11-22T10:00:01Z"), { consent: earlier, withdrawnAt: null, stoppedAt })).toEqual(at("2026-11-22T10:00:01Z"));
    // A stored consent given after the stop (the participant agreed again since) counts.
    expect(consentInForce(null, { consent: at("2026-11-23T00:00:00Z"), withdrawnAt: null, stoppedAt })).toEqual(at("2026-11-23T00:00:00Z"));
    // Nothing stopped there: the earlier consent is enough (a reconnect after an expired token).
    expect(consentInForce(null, { consent: earlier, withdrawnAt: null, stoppedAt: null })).toEqual(earlier);
  });

  it("says why the consent page is shown: re-consent while in the study, the consent otherwise", () => {
    expect(missingConsentReason({ consent: null, withdrawnAt: null, stoppedAt: new Date() })).toBe("reconsent");
    expect(missingConsentReason({ consent: null, withdrawnAt: null })).toBe("reconsent"); // a new CONSENT_VERSION
    expect(missingConsentReason({ consent: null, withdrawnAt })).toBe("consent"); // taking part again after leaving
    expect(missingConsentReason(null)).toBe("consent"); // signed out
  });
});
