/**
 * Encryption at rest for tokens, client secrets and the portal's private key: AES-256-GCM under a
 * key id, so keys can be rotated (new writes use the current key; older keys still decrypt until
 * re-encrypted). Framework-free.
 *
 * Format `v2.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts). The associated data binds the value
 * to its key id AND to where it is stored (table, column, row id: a SealContext), so someone who
 * can write the database cannot move a sealed token or secret to another row or column: it no
 * longer opens there. Values of the first format, `v1.…` (associated data: the key id alone), are
 * still opened so a deployment keeps working; `npm run keys:rotate` re-seals them as v2.
 * Tags must be the full 16 bytes: GCM would otherwise accept a tag cut to 4 bytes.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from "node:crypto";
import type { SealContext } from "./encrypted-columns";

export type { SealContext };
export type Keyring = { current: { kid: string; key: Buffer }; all: Map<string, Buffer> };

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

function parseKey(entry: string): { kid: string; key: Buffer } {
  const [kid, b64] = entry.trim().split(":");
  if (!kid || !b64) throw new Error("an encryption key must look like kid:base64key");
  if (!KEY_ID.test(kid)) throw new Error(`encryption key id ${JSON.stringify(kid.slice(0, 70))} may hold only letters, digits, - and _ (at most 64)`);
  const key = Buffer.from(b64, "base64");
  if (key.length !== 32) throw new Error(`encryption key ${kid} must be 32 bytes (it is ${key.length})`);
  return { kid, key };
}

/** Builds a keyring from the current `kid:base64` key and older ones (comma-separated). */
export function createKeyring(currentKey: string, oldKeys = ""): Keyring {
  const current = parseKey(currentKey);
  const all = new Map<string, Buffer>([[current.kid, current.key]]);
  for (const entry of oldKeys.split(",").filter((e) => e.trim())) {
    const old = parseKey(entry);
    if (!all.has(old.kid)) all.set(old.kid, old.key);
  }
  return { current, all };
}

/** A fresh `kid:base64key` for configuration. */
export function generateKey(kid = `k${Date.now().toString(36)}`): string {
  return `${kid}:${randomBytes(32).toString("base64")}`;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const IVS_PER_REFILL = 256;
const ivPool = Buffer.alloc(IV_BYTES * IVS_PER_REFILL);
let ivOffset = ivPool.length;

/**
 * A fresh random 96-bit GCM nonce. Asking the CSPRNG for 12 bytes at a time made a seal take
 * 17 µs instead of 10 (two seals per synced connection), so bytes are drawn 3 KB at a time and
 * each 12-byte slice is handed out once, copied, then never again (as Node's randomUUID does).
 */
function freshIv(): Buffer {
  if (ivOffset === ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
}

/** The associated data: what a sealed value is bound to besides its key. */
function associatedData(version: "v1" | "v2", kid: string, context: SealContext): Buffer {
  return Buffer.from(version === "v1" ? kid : JSON.stringify(["v2", kid, context.table, context.column, context.rowId]));
}

/** The prefix of every value sealed in the current format under key `kid` (rotation looks for the rest). */
export const currentPrefix = (kid: string) => `v2.${kid}.`;

/** Seals `plaintext` under the current key, bound to where it will be stored. */
export function encrypt(keyring: Keyring, plaintext: string, context: SealContext): string {
  const iv = freshIv();
  const { kid, key } = keyring.current;
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData("v2", kid, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")];
  return ["v2", kid, ...parts].join(".");
}

/**
 * Opens a sealed value read from `context` (its table, column and row). Throws when the value is
 * not a sealed value, its key is not configured, its tag is not 16 bytes, or it was tampered
 * with or moved from elsewhere.
 */
export function decrypt(keyring: Keyring, sealed: string, context: SealContext): string {
  const [version, kid, iv, tag, ciphertext, extra] = sealed.split(".");
  if ((version !== "v1" && version !== "v2") || !kid || !iv || !tag || ciphertext === undefined || extra !== undefined) {
    throw new Error("not an encrypted value");
  }
  const key = keyring.all.get(kid);
  if (!key) throw new Error(`no key with id ${kid} is configured (TOKEN_ENCRYPTION_KEY / TOKEN_ENCRYPTION_OLD_KEYS)`);
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new Error(`a sealed value's nonce must be ${IV_BYTES} bytes and its tag ${TAG_BYTES}: refused`);
  const decipher = createDecipheriv("aes-256-gcm", key, ivBytes, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(version, kid, context));
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** The key id a sealed value was encrypted under (for rotation). */
export function keyIdOf(sealed: string): string | undefined {
  return /^v[12]\./.test(sealed) ? sealed.split(".")[1] : undefined;
}
