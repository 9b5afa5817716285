import { describe, expect, it } from "vitest";
import { accountAtConsent } from "./consent-form";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("the consent form's account fields", () => {
  it("record their own record, with the email lower-cased", () => {
    expect(accountAtConsent(form({ email: " Amy@Example.org", capacity: "self", representing: "ignored" }))).toEqual({
      ok: true,
      value: { email: "amy@example.org", capacity: "self", representing: null, consentLocale: "en" },
    });
  });

  it("record whom a representative acts for, and ask for it when missing", () => {
    expect(accountAtConsent(form({ email: "dan@example.org", capacity: "representative", representing: " Amy Shaw, my mother " }))).toMatchObject({
      ok: true,
      value: { capacity: "representative", representing: "Amy Shaw, my mother" },
    });
    expect(accountAtConsent(form({ email: "dan@example.org", capacity: "representative", representing: " " }))).toEqual({ ok: false, error: "representing" });
  });

  it("refuse an unusable email; a post without one (the form requires it) joins without an account", () => {
    expect(accountAtConsent(form({ email: "not an email" }))).toEqual({ ok: false, error: "email" });
    expect(accountAtConsent(form({ capacity: "self" }))).toMatchObject({ ok: true, value: { email: null } });
  });
});
