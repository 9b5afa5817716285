import "server-only";
import { hash, verify } from "@node-rs/argon2";

/** Argon2id (the library's default algorithm) with its recommended memory and time costs. */
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A hash of nothing, verified against when the email is unknown so timing does not tell. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hash("decoy-password-that-matches-nothing"));

export const MIN_PASSWORD_LENGTH = 12;
