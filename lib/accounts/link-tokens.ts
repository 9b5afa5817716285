import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * Emailed one-time links (pure): a 256-bit random token goes in the link; only its SHA-256 hash
 * is stored (SignInLink.tokenHash), so a copy of the database cannot sign anyone in.
 */
export const LINK_LIFETIME_MS = 15 * 60_000;
/** Links sent to one address within LINK_WINDOW_MS (known or not: the answer is the same). */
export const LINKS_PER_ADDRESS = 3;
export const LINK_WINDOW_MS = 15 * 60_000;

export type LinkPurpose = "verify_email" | "sign_in";

export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

export const hashLinkToken = (token: string) => createHash("sha256").update(token, "utf8").digest("base64url");

/** A token as it can appear in a link: 43 base64url characters; anything else is not ours. */
export const isWellFormedLinkToken = (token: unknown): token is string => typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);

/** An email address as typed, trimmed and lower-cased (Participant.email is unique in that form). */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .email()
  .transform((v) => v.toLowerCase());

export const normalizeEmail = (raw: unknown): string | null => {
  const parsed = emailSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
};
