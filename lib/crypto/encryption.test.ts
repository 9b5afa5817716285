import { describe, expect, it } from "vitest";
import { createKeyring, decrypt, encrypt, generateKey, keyIdOf, type SealContext } from "./encryption";
import { sealV1 } from "./test-support";

const at: SealContext = { table: "Connection", column: "refreshTokenEnc", rowId: "c0123456789abcdef01234567" };

/** Cuts a sealed value's tag (4th part) to `bytes`. */
function truncateTag(sealed: string, bytes: number): string {
  const parts = sealed.split(".");
  parts[3] = Buffer.from(parts[3]!, "base64url").subarray(0, bytes).toString("base64url");
  return parts.join(".");
}

describe("encryption at rest (AES-256-GCM under a key id, bound to where the value is stored)", () => {
  const current = generateKey("k2");
  const old = generateKey("k1");

  it("round-trips in the v2 format and never contains the plaintext", () => {
    const ring = createKeyring(current);
    const token = "lETVw4xZIuBr6RZBw9vghTQJQyC90Z";
    const sealed = encrypt(ring, token, at);
    expect(sealed).not.toContain(token);
    expect(sealed.startsWith("v2.k2.")).toBe(true);
    expect(keyIdOf(sealed)).toBe("k2");
    expect(decrypt(ring, sealed, at)).toBe(token);
  });

  it("uses a fresh IV each time", () => {
    const ring = createKeyring(current);
    expect(encrypt(ring, "same", at)).not.toBe(encrypt(ring, "same", at));
  });

  it("never repeats an IV across refills of its random pool, and every value still opens", () => {
    const ring = createKeyring(current);
    const sealed = Array.from({ length: 1_000 }, (_, i) => encrypt(ring, `token-${i}`, at));
    const ivs = sealed.map((s) => s.split(".")[2]);
    expect(new Set(ivs).size).toBe(sealed.length);
    expect(ivs.every((iv) => Buffer.from(iv!, "base64url").length === 12)).toBe(true);
    expect(sealed.map((s) => decrypt(ring, s, at))).toEqual(sealed.map((_, i) => `token-${i}`));
  });

  it("decrypts values sealed under an older key during rotation", () => {
    const sealedOld = encrypt(createKeyring(old), "secret", at);
    const rotated = createKeyring(current, old);
    expect(decrypt(rotated, sealedOld, at)).toBe("secret");
    expect(keyIdOf(encrypt(rotated, "secret", at))).toBe("k2");
  });

  it("refuses tampered ciphertext, a swapped key id, unknown keys and values that are not sealed", () => {
    const ring = createKeyring(current, old);
    const sealed = encrypt(ring, "secret", at);
    const parts = sealed.split(".");
    const tampered = [...parts.slice(0, 4), Buffer.from("x" + parts[4]).toString("base64url")].join(".");
    expect(() => decrypt(ring, tampered, at)).toThrow();
    expect(() => decrypt(ring, sealed.replace(".k2.", ".k1."), at)).toThrow();
    expect(() => decrypt(createKeyring(old), sealed, at)).toThrow(/no key with id k2/);
    expect(() => decrypt(ring, "plaintext", at)).toThrow(/not an encrypted value/);
    expect(() => decrypt(ring, `${sealed}.extra`, at)).toThrow(/not an encrypted value/);
  });

  it("refuses a value moved to another row, another column or another table", () => {
    const ring = createKeyring(current);
    const sealed = encrypt(ring, "the refresh token of row A", at);
    expect(() => decrypt(ring, sealed, { ...at, rowId: "c-another-row" })).toThrow();
    expect(() => decrypt(ring, sealed, { ...at, column: "accessTokenEnc" })).toThrow();
    expect(() => decrypt(ring, sealed, { table: "HealthSystem", column: "clientSecretEnc", rowId: at.rowId })).toThrow();
    expect(decrypt(ring, sealed, at)).toBe("the refresh token of row A");
  });

  it("still opens values of the first format (v1, bound to the key id only), wherever they are read", () => {
    const ring = createKeyring(current, old);
    expect(decrypt(ring, sealV1(ring, "legacy"), at)).toBe("legacy");
    expect(decrypt(ring, sealV1(ring, "legacy under k1", { kid: "k1" }), at)).toBe("legacy under k1");
  });

  // Security review finding 9: a stored value whose tag was cut to 4 bytes still decrypted.
  it.each([4, 8, 12, 15])("finding 9: refuses a stored value whose GCM tag is cut to %i bytes, in either format", (bytes) => {
    const ring = createKeyring(current);
    const v1 = sealV1(ring, "secret");
    const v2 = encrypt(ring, "secret", at);
    expect(decrypt(ring, v1, at)).toBe("secret"); // whole tags open
    expect(() => decrypt(ring, truncateTag(v1, bytes), at)).toThrow(/tag/);
    expect(() => decrypt(ring, truncateTag(v2, bytes), at)).toThrow(/tag/);
  });

  it("refuses keys that are not 32 bytes, or whose id would break the format", () => {
    expect(() => createKeyring("k:" + Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => createKeyring("nokid")).toThrow(/kid:base64key/);
    expect(() => createKeyring("k.1:" + Buffer.alloc(32).toString("base64"))).toThrow(/letters, digits/);
  });
});
