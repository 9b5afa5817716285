import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { cookieName, secureCookies } from "../auth/cookies";
import { env } from "../env";
import type { AccountAtConsent } from "../data/participant-accounts";
import { CONSENT_MAX_AGE_SECONDS } from "../enrollment/consent-cookie";

/**
 * What the participant told the consent page about themselves (their email, and whether they share
 * their own record or act for someone), carried to the end of the enrollment in a signed,
 * httpOnly cookie that lives as long as the consent cookie; stored with the participant then.
 */
export const accountCookieName = () => cookieName("participant.account");
export const accountCookieOptions = () => ({ httpOnly: true, sameSite: "lax" as const, secure: secureCookies(), path: "/", maxAge: CONSENT_MAX_AGE_SECONDS });

const accountSchema = z.object({
  email: z.string().max(254).nullable(),
  capacity: z.enum(["self", "representative"]),
  representing: z.string().max(200).nullable(),
  consentLocale: z.string().max(10),
});

const sign = (payload: string) => createHmac("sha256", env().AUTH_SECRET).update(`account:${payload}`).digest("base64url");

export function accountCookieValue(account: AccountAtConsent): string {
  const payload = Buffer.from(JSON.stringify(account)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function readAccountCookie(value: string | undefined): AccountAtConsent | null {
  if (!value || value.length > 2000) return null;
  const [payload, signature] = value.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = accountSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const clearedAccountCookie = () => ({ name: accountCookieName(), value: "", ...accountCookieOptions(), maxAge: 0 });
