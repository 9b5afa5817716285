import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "./negotiate";
import { backPath } from "./back-path";
import { isStaffPath } from "./staff-paths";

describe("localeFromAcceptLanguage", () => {
  it("picks Spanish from a Spanish browser, any region", () => {
    expect(localeFromAcceptLanguage("es")).toBe("es");
    expect(localeFromAcceptLanguage("es-MX,es;q=0.9")).toBe("es");
    expect(localeFromAcceptLanguage("ES-us")).toBe("es");
  });

  it("follows q-values, not the order written", () => {
    expect(localeFromAcceptLanguage("en;q=0.4, es;q=0.8")).toBe("es");
    expect(localeFromAcceptLanguage("es;q=0.5, en")).toBe("en");
    expect(localeFromAcceptLanguage("es;q=0.500,en;q=0.5")).toBe("es"); // a tie keeps the written order
  });

  it("skips languages the portal does not have, down to one it has", () => {
    expect(localeFromAcceptLanguage("fr-FR, fr;q=0.9, es;q=0.8, en;q=0.7")).toBe("es");
    expect(localeFromAcceptLanguage("de, en-GB;q=0.5")).toBe("en");
  });

  it("falls back to English for unsupported, refused, empty or malformed preferences", () => {
    expect(localeFromAcceptLanguage("fr, de")).toBe("en");
    expect(localeFromAcceptLanguage("es;q=0")).toBe("en");
    expect(localeFromAcceptLanguage("es;q=2")).toBe("en"); // not a q-value: ignored
    expect(localeFromAcceptLanguage("es;q=abc, fr")).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("*")).toBe("en");
    expect(localeFromAcceptLanguage(",,;;")).toBe("en");
    expect(localeFromAcceptLanguage("x".repeat(10_000))).toBe("en");
  });
});

describe("resolveLocale", () => {
  it("a choice made in this browser (cookie) wins over the account and the browser", () => {
    expect(resolveLocale({ cookie: "en", account: "es", acceptLanguage: "es" })).toBe("en");
    expect(resolveLocale({ cookie: "es", account: "en", acceptLanguage: "en" })).toBe("es");
  });

  it("the signed-in participant's saved language wins over the browser's", () => {
    expect(resolveLocale({ cookie: null, account: "es", acceptLanguage: "en-US" })).toBe("es");
    expect(resolveLocale({ account: "en", acceptLanguage: "es" })).toBe("en");
  });

  it("ignores an unsupported or tampered cookie or account value", () => {
    expect(resolveLocale({ cookie: "fr", account: null, acceptLanguage: "es" })).toBe("es");
    expect(resolveLocale({ cookie: "<script>", account: "de", acceptLanguage: null })).toBe("en");
  });
});

describe("backPath", () => {
  it("returns to the page the switch was used on, with its query", () => {
    expect(backPath("http://portal.test/connect/choose?q=St%20Mary", "portal.test")).toBe("/connect/choose?q=St%20Mary");
  });

  it("never sends anyone to another site", () => {
    expect(backPath("https://evil.example/phish", "portal.test")).toBe("/");
    expect(backPath("javascript:alert(1)", "portal.test")).toBe("/");
    expect(backPath("not a url", "portal.test")).toBe("/");
    expect(backPath(null, "portal.test")).toBe("/");
    expect(backPath("http://portal.test//evil.example/", "portal.test")).toBe("/");
  });
});

describe("isStaffPath", () => {
  it("tells the English-only staff side from participant pages", () => {
    expect(isStaffPath("/dashboard/participants/1")).toBe(true);
    expect(isStaffPath("/staff/sign-in")).toBe(true);
    expect(isStaffPath("/connect/choose")).toBe(false);
    expect(isStaffPath("/dashboards")).toBe(false);
  });
});
