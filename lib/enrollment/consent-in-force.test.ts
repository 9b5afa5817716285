import { describe, expect, it } from "vitest";
import { consentInForce } from "./consent-in-force";

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
});
