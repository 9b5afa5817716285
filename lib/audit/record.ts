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
  /** Someone is guessing a staff account's password (written by the portal itself). */
  | "staff.sign_in_attack"
  | "research.export.start"
  | "research.export.download"
  | "research.export.cancel"
  | "research_client.add"
  | "research_client.disable"
  | "research_client.enable"
  | "webhook.add"
  | "webhook.remove"
  | "webhook.retry"
  | "directory.import";

type Actor = StaffSession | { id: null; email: string };

/** The portal itself, for what it notices on its own (a sign-in attack). */
export const portalActor: Actor = { id: null, email: "portal" };

/** The participant acting on their own record (withdrawal), as an audit actor. */
export const participantActor = (participantId: string): Actor => ({ id: null, email: `participant:${participantId}` });

/** A research client (SMART Backend Services) acting through the FHIR API, named as registered. */
export const researchClientActor = (client: { clientId: string; name: string }): Actor => ({ id: null, email: `research-client:${client.name} (${client.clientId})` });

/** An administrator at the server's command line (npm run research:client). */
export const commandLineActor = (script: string): Actor => ({ id: null, email: `command-line:${script}` });

/**
 * Appends one audit event. The log is append-only: nothing in the portal updates or deletes
 * AuditEvent rows (only this insert and the reads in list.ts touch the table).
 */
export async function recordAudit(actor: Actor, action: AuditAction, { participantId, detail }: { participantId?: string | null; detail?: string | null } = {}) {
  await (await db()).auditEvent.create({
    data: { actorId: actor.id, actorEmail: actor.email, action, participantId: participantId ?? null, detail: detail?.slice(0, 1000) ?? null },
  });
}

/** Whether `action` was recorded since `since` with a detail that starts with `detailPrefix` (for alerts raised once per window). */
export async function auditedSince(action: AuditAction, detailPrefix: string, since: Date): Promise<boolean> {
  const found = await (await db()).auditEvent.findFirst({ where: { action, at: { gt: since }, detail: { startsWith: detailPrefix } }, select: { id: true } });
  return found !== null;
}
