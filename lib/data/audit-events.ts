import "server-only";
import { db } from "../db";
import type { DbTransaction } from "../db/client";
import { assertRole, type StaffSession } from "../staff/roles";
import { portal, type AuditActor } from "./callers";

import type { AuditAction } from "../audit/actions";

/** What staff, a participant, an operator or the portal did: one name per action everywhere (lib/audit/actions.ts, with its words). */
export type { AuditAction };

/** The database, or the transaction an audited change runs in (so the event commits with it). */
type Writer = Pick<DbTransaction, "auditEvent">;

function actorColumns(actor: AuditActor): { actorId: string | null; actorEmail: string } {
  if ("role" in actor) return { actorId: actor.id, actorEmail: actor.email };
  if (actor.kind === "participant") return { actorId: null, actorEmail: `participant:${actor.participantId}` };
  if (actor.kind === "portal") return { actorId: null, actorEmail: "portal" };
  if (actor.kind === "anonymous") return { actorId: null, actorEmail: actor.email.slice(0, 320) };
  if (actor.kind === "research-client") return { actorId: null, actorEmail: `research-client:${actor.name} (${actor.clientId})` };
  return { actorId: null, actorEmail: `operator:${actor.command}` };
}

/**
 * Appends one audit event: for lib/data functions only (they audit what they do; nothing above
 * lib/data writes audit events). The log is append-only: nothing in the portal updates or
 * deletes AuditEvent rows (only this insert and the reads below touch the table).
 */
export async function recordAudit(
  actor: AuditActor,
  action: AuditAction,
  { participantId, detail }: { participantId?: string | null; detail?: string | null } = {},
  writer?: Writer,
): Promise<void> {
  await (writer ?? (await db())).auditEvent.create({
    data: { ...actorColumns(actor), action, participantId: participantId ?? null, detail: detail?.slice(0, 1000) ?? null },
  });
}

/**
 * Records, in the portal's name, that someone is guessing `email`'s password: once per window
 * (nothing when an event for that email was already written since `windowStart`). True when written.
 */
export async function recordSignInAttack(email: string, { failures, clients }: { failures: number; clients: number }, windowStart: Date): Promise<boolean> {
  const client = await db();
  const already = await client.auditEvent.findFirst({
    where: { action: "staff.sign_in_attack", at: { gt: windowStart }, detail: { startsWith: `${email}:` } },
    select: { id: true },
  });
  if (already) return false;
  const detail = `${email}: ${failures} failed sign-ins from ${clients} address${clients === 1 ? "" : "es"} within an hour`;
  await recordAudit(portal, "staff.sign_in_attack", { detail });
  return true;
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditEntry = { id: string; at: Date; actorEmail: string; action: string; participantId: string | null; detail: string | null };

/** The audit log, newest first (admins only), optionally for one participant. */
export async function listAuditEvents(
  staff: StaffSession,
  { page = 1, participantId }: { page?: number; participantId?: string } = {},
): Promise<{ entries: AuditEntry[]; total: number }> {
  assertRole(staff, "admin");
  const client = await db();
  const where = participantId ? { participantId } : {};
  const [entries, total] = await client.$transaction([
    client.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, at: true, actorEmail: true, action: true, participantId: true, detail: true },
    }),
    client.auditEvent.count({ where }),
  ]);
  return { entries, total };
}
