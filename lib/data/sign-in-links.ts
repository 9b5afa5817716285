import "server-only";
import { db } from "../db";
import { hashLinkToken, isWellFormedLinkToken, LINK_LIFETIME_MS, LINK_WINDOW_MS, LINKS_PER_ADDRESS, newLinkToken, type LinkPurpose } from "../accounts/link-tokens";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";
import { recordAudit } from "./audit-events";
import { participantSession } from "./callers";

/**
 * Emailed one-time links (SignInLink): single use, LINK_LIFETIME_MS long, only the SHA-256 of
 * the token stored. Asking for a link writes a row whether or not the address belongs to a
 * participant (a row with no participant can never be used), so the per-address limit, the work
 * done and the answer are the same for every address: nothing tells whether it is enrolled.
 */
const localeOf = (value: string): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

/** A link to email, in the participant's saved language. */
export type LinkToSend = { token: string; participantId: string; purpose: LinkPurpose; email: string; locale: Locale };
export type LinkRequest = { ok: true; send: LinkToSend | null } | { ok: false; reason: "too-many" };

export async function requestSignInLink(email: string, now = new Date()): Promise<LinkRequest> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const recent = await tx.signInLink.count({ where: { email, createdAt: { gt: new Date(now.getTime() - LINK_WINDOW_MS) } } });
    if (recent >= LINKS_PER_ADDRESS) return { ok: false, reason: "too-many" } as const;
    const participant = await tx.participant.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true, locale: true } });
    // An address given at consent but never confirmed gets a confirmation link (it signs in too).
    const purpose: LinkPurpose = participant && !participant.emailVerifiedAt ? "verify_email" : "sign_in";
    const { token, tokenHash } = newLinkToken();
    await tx.signInLink.create({
      data: { tokenHash, email, participantId: participant?.id ?? null, purpose, createdAt: now, expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS) },
    });
    return { ok: true, send: participant ? { token, participantId: participant.id, purpose, email, locale: localeOf(participant.locale) } : null } as const;
  });
}

/** A confirmation link for the address a participant gave at consent (sent after enrollment). */
export async function issueVerificationLink(participantId: string, now = new Date()): Promise<LinkToSend | null> {
  const client = await db();
  const participant = await client.participant.findUnique({ where: { id: participantId }, select: { email: true, emailVerifiedAt: true, locale: true } });
  if (!participant?.email || participant.emailVerifiedAt) return null;
  const { token, tokenHash } = newLinkToken();
  await client.signInLink.create({
    data: { tokenHash, email: participant.email, participantId, purpose: "verify_email", createdAt: now, expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS) },
  });
  return { token, participantId, purpose: "verify_email", email: participant.email, locale: localeOf(participant.locale) };
}

export type LinkPreview = { ok: true; purpose: LinkPurpose } | { ok: false; reason: LinkRefusal };
export type LinkRefusal = "invalid" | "expired" | "used";
export type UsedLink = { ok: true; participantId: string; purpose: LinkPurpose } | { ok: false; reason: LinkRefusal };

/** What a link is, before it is used (the page that asks "Sign in?"); reads only. */
export async function previewSignInLink(token: unknown, now = new Date()): Promise<LinkPreview> {
  if (!isWellFormedLinkToken(token)) return { ok: false, reason: "invalid" };
  const row = await (await db()).signInLink.findUnique({ where: { tokenHash: hashLinkToken(token) }, select: { participantId: true, purpose: true, usedAt: true, expiresAt: true } });
  return refusal(row, now) ?? { ok: true, purpose: row!.purpose as LinkPurpose };
}

type LinkRow = { participantId: string | null; usedAt: Date | null; expiresAt: Date } | null;
const refusal = (row: LinkRow, now: Date): { ok: false; reason: LinkRefusal } | null => {
  if (!row?.participantId) return { ok: false, reason: "invalid" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return null;
};

/**
 * Uses a link once: a conditional update claims it (of two simultaneous uses, one wins). A
 * confirmation link also marks the address as confirmed when it is still the participant's.
 */
export async function redeemSignInLink(token: unknown, now = new Date()): Promise<UsedLink> {
  if (!isWellFormedLinkToken(token)) return { ok: false, reason: "invalid" };
  const tokenHash = hashLinkToken(token);
  const client = await db();
  return client.$transaction(async (tx) => {
    const row = await tx.signInLink.findUnique({ where: { tokenHash }, select: { id: true, email: true, participantId: true, purpose: true, usedAt: true, expiresAt: true } });
    const refused = refusal(row, now);
    if (refused || !row?.participantId) return refused ?? ({ ok: false, reason: "invalid" } as const);
    const claimed = await tx.signInLink.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { ok: false, reason: "used" } as const;
    const participantId = row.participantId;
    const me = participantSession(participantId);
    if (row.purpose === "verify_email") {
      const verified = await tx.participant.updateMany({ where: { id: participantId, email: row.email, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
      if (verified.count === 1) await recordAudit(me, "participant.email_verified", { participantId }, tx);
    }
    await recordAudit(me, "participant.sign_in", { participantId }, tx);
    return { ok: true, participantId, purpose: row.purpose as LinkPurpose } as const;
  });
}

/** Housekeeping: links past their end by a day are deleted (used or not). */
export async function deleteEndedSignInLinks(now = new Date()): Promise<number> {
  const { count } = await (await db()).signInLink.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
  return count;
}
