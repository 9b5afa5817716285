import { describe, expect, it } from "vitest";
import { unsubscribeOneClickUrl, unsubscribePageUrl, unsubscribeSignature, verifyUnsubscribe } from "./unsubscribe";

const SECRET = "a-server-secret-of-thirty-two-chars-or-more";

describe("unsubscribe links", () => {
  it("verify for the participant they were made for", () => {
    const s = unsubscribeSignature(SECRET, "cparticipant1");
    expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribe(SECRET, "cparticipant1", s)).toBe(true);
  });

  it("refuse a changed id, a changed signature, another secret, and junk", () => {
    const s = unsubscribeSignature(SECRET, "cparticipant1");
    expect(verifyUnsubscribe(SECRET, "cparticipant2", s)).toBe(false);
    const flipped = (s[0] === "A" ? "B" : "A") + s.slice(1);
    expect(verifyUnsubscribe(SECRET, "cparticipant1", flipped)).toBe(false);
    expect(verifyUnsubscribe(`${SECRET}x`, "cparticipant1", s)).toBe(false);
    expect(verifyUnsubscribe(SECRET, "cparticipant1", s.slice(0, 42))).toBe(false);
    expect(verifyUnsubscribe(SECRET, "cparticipant1", `${s}A`)).toBe(false);
    expect(verifyUnsubscribe(SECRET, "../etc", s)).toBe(false);
    expect(verifyUnsubscribe(SECRET, undefined, s)).toBe(false);
    expect(verifyUnsubscribe(SECRET, "cparticipant1", ["x"])).toBe(false);
    // A signature made with the plain secret (not the derived key) does not pass either.
    expect(verifyUnsubscribe(SECRET, "cparticipant1", unsubscribeSignature("", "cparticipant1"))).toBe(false);
  });

  it("builds the page link and the one-click link on the portal", () => {
    const page = new URL(unsubscribePageUrl("https://portal.example.org", SECRET, "cp1", "es"));
    expect(page.pathname).toBe("/unsubscribe");
    expect(page.searchParams.get("lang")).toBe("es");
    expect(verifyUnsubscribe(SECRET, page.searchParams.get("p"), page.searchParams.get("s"))).toBe(true);
    const oneClick = new URL(unsubscribeOneClickUrl("https://portal.example.org/", SECRET, "cp1"));
    expect(oneClick.origin + oneClick.pathname).toBe("https://portal.example.org/api/unsubscribe");
    expect(verifyUnsubscribe(SECRET, oneClick.searchParams.get("p"), oneClick.searchParams.get("s"))).toBe(true);
  });
});
