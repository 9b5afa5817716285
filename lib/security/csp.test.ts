import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "./csp";

describe("Content-Security-Policy", () => {
  const production = contentSecurityPolicy("abc", { development: false, https: true });

  it("allows no inline script: only this origin and the nonce", () => {
    const scriptSrc = production.split("; ").find((d) => d.startsWith("script-src"));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(production).not.toContain("unsafe-eval");
  });

  it("forbids framing and plugins", () => {
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("object-src 'none'");
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(production).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { development: false, https: false })).not.toContain("upgrade-insecure-requests");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = createNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});
