import "server-only";
import { env } from "../env";
import { createKeyring, decrypt, encrypt, type Keyring } from "./encryption";

let keyring: Keyring | undefined;

function ring(): Keyring {
  keyring ??= createKeyring(env().TOKEN_ENCRYPTION_KEY, env().TOKEN_ENCRYPTION_OLD_KEYS);
  return keyring;
}

/** Encrypts a token or client secret for storage. */
export const seal = (plaintext: string) => encrypt(ring(), plaintext);
/** Decrypts a stored token or client secret. */
export const unseal = (sealed: string) => decrypt(ring(), sealed);
