import "server-only";
import { recordAudit } from "./audit-events";
import { db } from "../db";
import type { Prisma } from "../db/client";
import { keysetPages } from "../db/keyset-pages";
import { auditTimeRange, type AuditQuery } from "../dashboard/audit-query";
import { assertRole, type StaffSession } from "../staff/roles";

/**
 * The audit log for admins: filtered by who, what, participant and date range, newest first,
 * a page at a time or (for the CSV export) every matching event in batches. Each entry carries
 * the participant's study id, so the log reads in the study's own terms.
 */
export const AUDIT_PAGE_SIZE = 50;

export type AuditEntry = {
  id: string;
  at: Date;
  actorEmail: string;
  action: string;
  participantId: string | null;
  /** The participant's study id ("P-4K7M-Q2XD"), when the event is about one. */
  studyId: string | null;
  detail: string | null;
};

type Filter = Omit<AuditQuery, "page">;

/** The filters as a `where`; a participant given by study id is looked up (unknown: matches nothing). */
async function auditWhere(filter: Filter): Promise<Prisma.AuditEventWhereInput> {
  const range = auditTimeRange(filter);
  let participantId: string | undefined;
  if (filter.participant) {
    const studyId = /^P-?/i.test(filter.participant) ? normalizeStudyId(filter.participant) : null;
    participantId = studyId
      ? ((await (await db()).participant.findUnique({ where: { studyId }, select: { id: true } }))?.id ?? "-none-")
      : filter.participant;
  }
  return {
    ...(filter.who === "participants" ? { actorEmail: { startsWith: "participant:" } } : filter.who ? { actorEmail: filter.who } : {}),
    ...(filter.what && { action: filter.what }),
    ...(participantId && { participantId }),
    ...((range.gte || range.lt) && { at: range }),
  };
}

/** "p4k7mq2xd" or "P-4K7M-Q2XD" → "P-4K7M-Q2XD". */
export function normalizeStudyId(value: string): string {
  const chars = value.toUpperCase().replace(/^P-?/, "").replace(/-/g, "");
  return `P-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

const select = { id: true, at: true, actorEmail: true, action: true, participantId: true, detail: true } satisfies Prisma.AuditEventSelect;

async function withStudyIds(rows: Prisma.AuditEventGetPayload<{ select: typeof select }>[]): Promise<AuditEntry[]> {
  const ids = [...new Set(rows.map((r) => r.participantId).filter((id): id is string => id !== null))];
  const known = ids.length === 0 ? [] : await (await db()).participant.findMany({ where: { id: { in: ids } }, select: { id: true, studyId: true } });
  const studyIds = new Map(known.map((p) => [p.id, p.studyId]));
  return rows.map((r) => ({ ...r, studyId: r.participantId ? (studyIds.get(r.participantId) ?? null) : null }));
}

/** One page of the filtered log, newest first, and how many events match (admins only). */
export async function listAuditEvents(staff: StaffSession, query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }> {
  assertRole(staff, "admin");
  const client = await db();
  const where = await auditWhere(query);
  const [rows, total] = await Promise.all([
    client.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (query.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, select }),
    client.auditEvent.count({ where }),
  ]);
  return { entries: await withStudyIds(rows), total };
}

/** Every matching event in batches (by id: constant memory), for the CSV export (admins only; the export is audited). */
export async function* exportAuditEvents(staff: StaffSession, filter: Filter, batchSize = 500): AsyncGenerator<AuditEntry[]> {
  assertRole(staff, "admin");
  const client = await db();
  const where = await auditWhere(filter);
  await recordAudit(staff, "audit.export.csv", { detail: JSON.stringify(filter) });
  const pages = keysetPages(batchSize, (after) => client.auditEvent.findMany({ where: after ? { AND: [where, { id: { gt: after } }] } : where, orderBy: { id: "asc" }, take: batchSize, select }), (r) => r.id);
  for await (const rows of pages) yield withStudyIds(rows);
}

/** The staff emails that appear in the "who" filter (admins only). */
export async function listStaffEmails(staff: StaffSession): Promise<string[]> {
  assertRole(staff, "admin");
  return (await (await db()).staffUser.findMany({ select: { email: true }, orderBy: { email: "asc" } })).map((s) => s.email);
}
