import { afterEach, describe, expect, it, vi } from "vitest";

/** Every cookie the portal sets, as configured for http (development) and https (production). */
async function cookiesFor(portalUrl: string) {
  vi.resetModules();
  vi.stubEnv("PORTAL_URL", portalUrl);
  const cookies = await import("./cookies");
  const consent = await import("../enrollment/consent-cookie");
  return { ...cookies, consentCookieName: consent.consentCookieName };
}

describe("the portal's cookies", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("over https are all __Host- cookies: Secure, Path=/, no Domain", async () => {
    const c = await cookiesFor("https://portal.example.org");
    const all = [...Object.values(c.authCookies("staff")), ...Object.values(c.authCookies("participant")), { name: c.attemptCookieName(), options: c.attemptCookieOptions() }];
    for (const cookie of all) {
      expect(cookie.name).toMatch(/^__Host-/);
      expect(cookie.options).toMatchObject({ secure: true, path: "/", httpOnly: true });
      expect(cookie.options).not.toHaveProperty("domain");
    }
    expect(c.consentCookieName()).toBe("__Host-study-consent");
    expect(c.clearedAttemptCookie()).toMatchObject({ name: "__Host-participant.enrollment-attempt", secure: true, path: "/", maxAge: 0 });
  });

  it("keep plain names over http (no browser accepts a __Host- cookie without https)", async () => {
    const c = await cookiesFor("http://localhost:3000");
    expect(c.authCookies("staff").sessionToken.name).toBe("staff.session");
    expect(c.attemptCookieName()).toBe("participant.enrollment-attempt");
  });

  it("are SameSite=Strict for staff; Lax for participants, who come back from the EHR's site", async () => {
    const c = await cookiesFor("https://portal.example.org");
    for (const cookie of Object.values(c.authCookies("staff"))) expect(cookie.options.sameSite).toBe("strict");
    for (const cookie of Object.values(c.authCookies("participant"))) expect(cookie.options.sameSite).toBe("lax");
    expect(c.attemptCookieOptions().sameSite).toBe("lax");
  });
});
