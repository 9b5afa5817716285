import { describe, expect, it } from "vitest";
import { createKeyring, decrypt, encrypt, generateKey, keyIdOf } from "./encryption";

describe("encryption at rest (AES-256-GCM under a key id)", () => {
  const current = generateKey("k2");
  const old = generateKey("k1");

  it("round-trips and never contains the plaintext", () => {
    const ring = createKeyring(current);
    const token = "lETVw4xZIuBr6RZBw9vghTQJQyC90Z";
    const sealed = encrypt(ring, token);
    expect(sealed).not.toContain(token);
    expect(keyIdOf(sealed)).toBe("k2");
    expect(decrypt(ring, sealed)).toBe(token);
  });

  it("uses a fresh IV each time", () => {
    const ring = createKeyring(current);
    expect(encrypt(ring, "same")).not.toBe(encrypt(ring, "same"));
  });

  it("never repeats an IV across refills of its random pool, and every value still opens", () => {
    const ring = createKeyring(current);
    const sealed = Array.from({ length: 1_000 }, (_, i) => encrypt(ring, `token-${i}`));
    const ivs = sealed.map((s) => s.split(".")[2]);
    expect(new Set(ivs).size).toBe(sealed.length);
    expect(ivs.every((iv) => Buffer.from(iv!, "base64url").length === 12)).toBe(true);
    expect(sealed.map((s) => decrypt(ring, s))).toEqual(sealed.map((_, i) => `token-${i}`));
  });

  it("decrypts values sealed under an older key during rotation", () => {
    const sealedOld = encrypt(createKeyring(old), "secret");
    const rotated = createKeyring(current, old);
    expect(decrypt(rotated, sealedOld)).toBe("secret");
    expect(keyIdOf(encrypt(rotated, "secret"))).toBe("k2");
  });

  it("refuses tampered ciphertext, a swapped key id, and unknown keys", () => {
    const ring = createKeyring(current, old);
    const sealed = encrypt(ring, "secret");
    const parts = sealed.split(".");
    const tampered = [...parts.slice(0, 4), Buffer.from("x" + parts[4]).toString("base64url")].join(".");
    expect(() => decrypt(ring, tampered)).toThrow();
    expect(() => decrypt(ring, sealed.replace(".k2.", ".k1."))).toThrow();
    expect(() => decrypt(createKeyring(old), sealed)).toThrow(/no key with id k2/);
    expect(() => decrypt(ring, "plaintext")).toThrow(/not an encrypted value/);
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => createKeyring("k:" + Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => createKeyring("nokid")).toThrow(/kid:base64key/);
  });
});
