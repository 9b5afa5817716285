import "server-only";
import { db } from "../db";
import type { Prisma } from "../db/client";
import type { StaffSession } from "../staff/roles";
import type { AuditAction } from "./actions";

export type { AuditAction } from "./actions";

/** Who acted: a staff member (a StaffSession is one), a participant, or someone not signed in. */
type Actor = Pick<StaffSession, "email"> & { id: string | null };

/** The participant acting on their own record (enrollment, consent, withdrawal), as an audit actor. */
export const participantActor = (participantId: string): Actor => ({ id: null, email: `participant:${participantId}` });

/** Someone who is not signed in (a refused staff sign-in names the email that was tried). */
export const anonymousActor = (email: string): Actor => ({ id: null, email: email.slice(0, 320) });

/** The database, or the transaction an audited change runs in (so the event commits with it). */
type Writer = Pick<Prisma.TransactionClient, "auditEvent">;

/**
 * Appends one audit event. The log is append-only: nothing in the portal updates or deletes
 * AuditEvent rows (only this insert and the reads in lib/data/audit-log.ts touch the table).
 */
export async function recordAudit(
  actor: Actor,
  action: AuditAction,
  { participantId, detail }: { participantId?: string | null; detail?: string | null } = {},
  writer?: Writer,
) {
  await (writer ?? (await db())).auditEvent.create({
    data: { actorId: actor.id, actorEmail: actor.email, action, participantId: participantId ?? null, detail: detail?.slice(0, 1000) ?? null },
  });
}
