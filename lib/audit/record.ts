import "server-only";
import { db } from "../db";
import type { StaffSession } from "../staff/roles";

/** What staff (or a participant, for withdrawal) did; one name per action everywhere. */
export type AuditAction =
  | "participant.view"
  | "participants.export.csv"
  | "patients.export.ndjson"
  | "connection.refresh"
  | "participant.withdraw"
  | "health_system.add"
  | "directory.import";

type Actor = StaffSession | { id: null; email: string };

/** The participant acting on their own record (withdrawal), as an audit actor. */
export const participantActor = (participantId: string): Actor => ({ id: null, email: `participant:${participantId}` });

/**
 * Appends one audit event. The log is append-only: nothing in the portal updates or deletes
 * AuditEvent rows (only this insert and the reads in list.ts touch the table).
 */
export async function recordAudit(actor: Actor, action: AuditAction, { participantId, detail }: { participantId?: string | null; detail?: string | null } = {}) {
  await (await db()).auditEvent.create({
    data: { actorId: actor.id, actorEmail: actor.email, action, participantId: participantId ?? null, detail: detail?.slice(0, 1000) ?? null },
  });
}
