/**
 * For tests only: seals a value in the first format (v1: `v1.<kid>.<iv>.<tag>.<ciphertext>`,
 * associated data the key id alone), as the portal wrote it before values were bound to their
 * row, so tests can prove such values still open and that keys:rotate re-seals them as v2.
 * `tagBytes` below 16 makes the truncated tag an attacker would write.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "./encryption";

export function sealV1(keyring: Keyring, plaintext: string, { kid = keyring.current.kid, tagBytes = 16 } = {}): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.all.get(kid)!, iv);
  cipher.setAAD(Buffer.from(kid));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag().subarray(0, tagBytes), ciphertext].map((b) => b.toString("base64url"));
  return ["v1", kid, ...parts].join(".");
}
