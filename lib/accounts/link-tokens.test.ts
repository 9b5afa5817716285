import { describe, expect, it } from "vitest";
import { hashLinkToken, isWellFormedLinkToken, newLinkToken, normalizeEmail } from "./link-tokens";

describe("one-time link tokens", () => {
  it("are 256 random bits, stored only as their SHA-256 hash", () => {
    const a = newLinkToken();
    const b = newLinkToken();
    expect(a.token).not.toBe(b.token);
    expect(isWellFormedLinkToken(a.token)).toBe(true);
    expect(a.tokenHash).toBe(hashLinkToken(a.token));
    expect(a.tokenHash).not.toContain(a.token);
    expect(hashLinkToken("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  });

  it("refuse anything that is not a token's shape", () => {
    for (const bad of ["", "short", `${"a".repeat(43)}=`, "a".repeat(44), null, 42]) expect(isWellFormedLinkToken(bad)).toBe(false);
  });
});

describe("email addresses", () => {
  it("are trimmed and lower-cased; junk is refused", () => {
    expect(normalizeEmail("  Amy.Shaw@Example.ORG ")).toBe("amy.shaw@example.org");
    for (const bad of ["", "amy", "amy@", "@example.org", `${"a".repeat(250)}@example.org`, null]) expect(normalizeEmail(bad)).toBeNull();
  });
});
