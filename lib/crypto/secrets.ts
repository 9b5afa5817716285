import "server-only";
import { env } from "../env";
import { createKeyring, decrypt, encrypt, type Keyring, type SealContext } from "./encryption";

let keyring: Keyring | undefined;

function ring(): Keyring {
  keyring ??= createKeyring(env().TOKEN_ENCRYPTION_KEY, env().TOKEN_ENCRYPTION_OLD_KEYS);
  return keyring;
}

/**
 * Encrypts a token, client secret or private key for storage in `at` (its table, column and row:
 * `{ table: "Connection", column: "refreshTokenEnc", rowId: connection.id }`). For lib/data only.
 */
export const seal = (plaintext: string, at: SealContext) => encrypt(ring(), plaintext, at);
/** Decrypts a value stored in `at`; a value copied there from another row or column throws. */
export const unseal = (sealed: string, at: SealContext) => decrypt(ring(), sealed, at);
