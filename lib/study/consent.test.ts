import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n/locales";
import { consentText, consentTexts } from "./consent";

describe("consent texts", () => {
  it.each(Object.keys(consentTexts))("version %s has a text in every language, paragraph for paragraph", (version) => {
    const english = consentText(version, "en");
    for (const locale of LOCALES) {
      const text = consentText(version, locale);
      expect(text.version).toBe(version);
      expect(text.locale).toBe(locale);
      expect(text.title.trim()).not.toBe("");
      expect(text.paragraphs).toHaveLength(english.paragraphs.length);
      if (locale !== "en") expect(text.paragraphs.filter((p, i) => p === english.paragraphs[i])).toEqual([]);
    }
  });

  it("is English when no language is asked for, and refuses a version it does not have", () => {
    expect(consentText("2026-11-v1").locale).toBe("en");
    expect(() => consentText("no-such-version", "es")).toThrow(/no es consent text/);
  });
});
