import "server-only";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";
import type { ParticipantSession, Portal, Operator } from "./callers";
import { newRowId } from "./row-ids";

/**
 * The email outbox (EmailMessage): a message is written here first, sealed (it may hold a sign-in
 * link), and sent later by whichever process claims it (lib/mail/deliver.ts), so an SMTP server
 * that is down never holds up the participant. A claim is a compare-and-swap on the row's lease:
 * several workers never send one message twice. Once sent or given up, the content is cleared;
 * staff see the kind, status, time and last error, never the content.
 */
export const EMAIL_KINDS = ["verify_email", "sign_in", "withdrawal_confirmed", "consent_copy", "reminder_ends_14", "reminder_ends_3", "reminder_reconnect"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export type EmailContent = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

export type QueueEmailInput = EmailContent & {
  participantId: string | null;
  /** One of EMAIL_KINDS (another kind is stored as given and shown as recorded). */
  kind: EmailKind | (string & {});
  /** Once per event: a second message with the same key is not queued. */
  dedupeKey?: string;
};

export type QueueEmailResult = { status: "queued"; id: string } | { status: "already queued" };

/** Who may queue an email: the portal (reminders, sign-in links), an operator, or a participant for themselves. */
export type EmailCaller = Portal | Operator | ParticipantSession;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";
const at = (rowId: string) => ({ table: "EmailMessage", column: "contentEnc", rowId }) as const;

export async function queueEmail(caller: EmailCaller, input: QueueEmailInput): Promise<QueueEmailResult> {
  if (caller.kind === "participant" && caller.participantId !== input.participantId) throw new Error("A participant may only queue their own emails.");
  const client = await db();
  if (input.dedupeKey && (await client.emailMessage.findUnique({ where: { dedupeKey: input.dedupeKey }, select: { id: true } }))) return { status: "already queued" };
  const id = newRowId();
  const content: EmailContent = { to: input.to, subject: input.subject, text: input.text, html: input.html, ...(input.headers && { headers: input.headers }) };
  try {
    await client.emailMessage.create({
      data: { id, participantId: input.participantId, kind: input.kind, contentEnc: seal(JSON.stringify(content), at(id)), dedupeKey: input.dedupeKey ?? null },
    });
  } catch (error) {
    if (input.dedupeKey && isUniqueViolation(error)) return { status: "already queued" }; // another process queued it first
    throw error;
  }
  return { status: "queued", id };
}

export type ClaimedEmail = { id: string; kind: string; attempts: number; content: EmailContent };

/** Leases up to `limit` messages that are due to `owner` for `leaseMs`, with their content opened. */
export async function claimDueEmails(owner: string, limit: number, leaseMs: number, now = new Date()): Promise<ClaimedEmail[]> {
  const client = await db();
  const due = await client.emailMessage.findMany({
    where: { status: "queued", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, leaseUntil: true },
  });
  const claimed: string[] = [];
  for (const row of due) {
    const won = await client.emailMessage.updateMany({
      where: { id: row.id, status: "queued", leaseUntil: row.leaseUntil },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    if (won.count === 1) claimed.push(row.id);
  }
  if (claimed.length === 0) return [];
  const rows = await client.emailMessage.findMany({
    where: { id: { in: claimed }, leaseOwner: owner, status: "queued" },
    select: { id: true, kind: true, attempts: true, contentEnc: true },
  });
  return rows.flatMap(({ contentEnc, ...row }) => (contentEnc ? [{ ...row, content: JSON.parse(unseal(contentEnc, at(row.id))) as EmailContent }] : []));
}

export type EmailOutcome = { kind: "sent" } | { kind: "retry"; error: string; nextAttemptAt: Date } | { kind: "failed"; error: string };

/** Records an attempt's outcome, if `owner` still holds the message. Sent or failed: the content is cleared. */
export async function recordEmailOutcome(id: string, owner: string, outcome: EmailOutcome, now = new Date()): Promise<boolean> {
  const data =
    outcome.kind === "sent"
      ? { status: "sent", sentAt: now, lastError: null, contentEnc: null }
      : outcome.kind === "retry"
        ? { lastError: outcome.error.slice(0, 300), nextAttemptAt: outcome.nextAttemptAt }
        : { status: "failed", lastError: outcome.error.slice(0, 300), contentEnc: null };
  const updated = await (await db()).emailMessage.updateMany({
    where: { id, leaseOwner: owner, status: "queued" },
    data: { ...data, attempts: { increment: 1 }, leaseOwner: null, leaseUntil: null },
  });
  return updated.count === 1;
}

/** One email as staff see it: what it was, not what it said. */
export type EmailFacts = { id: string; kind: string; status: string; attempts: number; createdAt: Date; sentAt: Date | null; lastError: string | null };

export async function listParticipantEmails(staff: StaffSession, participantId: string, limit = 50): Promise<EmailFacts[]> {
  assertRole(staff, "viewer");
  return (await db()).emailMessage.findMany({
    where: { participantId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, status: true, attempts: true, createdAt: true, sentAt: true, lastError: true },
  });
}

/** Emails the portal gave up sending (for the dashboard). */
export async function countFailedEmails(staff: StaffSession): Promise<number> {
  assertRole(staff, "viewer");
  return (await db()).emailMessage.count({ where: { status: "failed" } });
}
