import "server-only";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";

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
