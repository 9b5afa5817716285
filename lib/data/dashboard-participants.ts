import "server-only";
import { db, dbProvider, searchConnectionPage, type SearchPageInput } from "../db";
import type { Prisma } from "../db/client";
import { ENDING_SOON_DAYS, type QuestionSettings } from "../dashboard/questions";
import type { ParticipantQuery } from "../dashboard/query";
import { env } from "../env";
import { assertRole, type StaffSession } from "../staff/roles";
import { visibleStatusReason } from "./connection-status";
import { searchRanges, searchWhere } from "./search-index";

/**
 * The dashboard's participant table: one row per connection (a participant and one health
 * system), filtered, sorted and paged in the database. A page costs the same few queries
 * whatever its size or the number of participants; search goes through the token index.
 */
export type ParticipantRow = {
  participantId: string;
  /** The study's participant id ("P-4K7M-Q2XD"). */
  studyId: string | null;
  connectionId: string;
  withdrawnAt: Date | null;
  /** null once withdrawn under the "delete" policy, or before the first Patient read. */
  name: string | null;
  gender: string | null;
  birthDate: string | null;
  /** When the Patient says they died: a dateTime as sent, or "yes". */
  deceased: string | null;
  city: string | null;
  state: string | null;
  patientId: string;
  healthSystemId: string;
  healthSystemName: string;
  status: string;
  /** Why it needs reconnecting (never an internal marker). */
  statusReason: string | null;
  connectedAt: Date;
  lastSyncAt: Date | null;
  /** The last sync that stored the whole record with nothing failing. */
  recordSyncedAt: Date | null;
  /** When sharing ends, as the EHR said; null when it did not say (the study's estimate is not shown as a fact). */
  sharingEndsAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
};

type Filter = Pick<ParticipantQuery, "q" | "status" | "ehr"> & Partial<Pick<ParticipantQuery, "show">>;

export type { QuestionSettings } from "../dashboard/questions";
/** The clock and the staleness rule of the four questions (configurable: STALE_AFTER_DAYS). */
export const questionSettings = (now = new Date()): QuestionSettings => ({ now, staleAfterDays: env().STALE_AFTER_DAYS });

const DAY_MS = 86_400_000;

/** The questions as `where`s (lib/dashboard/questions.ts asks the same of one row): stale, sharing ends soon (EHR's date), sharing end unknown. */
export function questionWhere(show: Filter["show"], { now, staleAfterDays }: QuestionSettings): Prisma.ConnectionWhereInput | undefined {
  if (show === "stale") {
    const cutoff = new Date(now.getTime() - staleAfterDays * DAY_MS);
    return { status: "connected", OR: [{ recordSyncedAt: { lt: cutoff } }, { recordSyncedAt: null, connectedAt: { lt: cutoff } }] };
  }
  if (show === "ending") return { status: "connected", approvalFromEhr: true, approvalExpiresAt: { lte: new Date(now.getTime() + ENDING_SOON_DAYS * DAY_MS) } };
  if (show === "ending-unknown") return { status: "connected", approvalFromEhr: false };
  return undefined;
}

/** The table's filters as a Prisma `where`. */
export function participantWhere({ q, status, ehr, show }: Filter, settings: QuestionSettings = questionSettings()): Prisma.ConnectionWhereInput {
  const parts = [status && { status }, ehr && { healthSystemId: ehr }, questionWhere(show, settings), searchWhere(q)].filter(
    (p): p is Prisma.ConnectionWhereInput => Boolean(p),
  );
  return parts.length === 1 ? parts[0]! : { AND: parts };
}

function orderBy({ sort, dir }: ParticipantQuery): Prisma.ConnectionOrderByWithRelationInput[] {
  const byField: Record<ParticipantQuery["sort"], Prisma.ConnectionOrderByWithRelationInput> = {
    connected: { connectedAt: dir },
    name: { snapshot: { displayName: dir } },
    birthDate: { snapshot: { birthDate: dir } },
    lastSync: { lastSyncAt: { sort: dir, nulls: "last" } },
    // Never synced first: the most urgent (lib/db/search-sql.ts orders the same way).
    lastComplete: { recordSyncedAt: { sort: dir, nulls: "first" } },
    sharingEnds: { approvalExpiresAt: { sort: dir, nulls: "last" } },
    status: { status: dir },
  };
  return [byField[sort], { id: dir }];
}

export const participantRowSelect = {
  id: true,
  participantId: true,
  patientId: true,
  status: true,
  statusReason: true,
  connectedAt: true,
  lastSyncAt: true,
  recordSyncedAt: true,
  approvalExpiresAt: true,
  approvalFromEhr: true,
  lastError: true,
  lastErrorAt: true,
  healthSystemId: true,
  participant: { select: { withdrawnAt: true, studyId: true } },
  healthSystem: { select: { name: true } },
  snapshot: { select: { displayName: true, gender: true, birthDate: true, city: true, state: true, deceased: true } },
} satisfies Prisma.ConnectionSelect;

export type ParticipantSelectedRow = Prisma.ConnectionGetPayload<{ select: typeof participantRowSelect }>;

export function toParticipantRow(row: ParticipantSelectedRow): ParticipantRow {
  return {
    participantId: row.participantId,
    studyId: row.participant.studyId,
    connectionId: row.id,
    withdrawnAt: row.participant.withdrawnAt,
    name: row.snapshot?.displayName ?? null,
    gender: row.snapshot?.gender ?? null,
    birthDate: row.snapshot?.birthDate ?? null,
    deceased: row.snapshot?.deceased ?? null,
    city: row.snapshot?.city ?? null,
    state: row.snapshot?.state ?? null,
    patientId: row.patientId,
    healthSystemId: row.healthSystemId,
    healthSystemName: row.healthSystem.name,
    status: row.status,
    statusReason: visibleStatusReason(row.statusReason),
    connectedAt: row.connectedAt,
    lastSyncAt: row.lastSyncAt,
    recordSyncedAt: row.recordSyncedAt,
    sharingEndsAt: row.approvalFromEhr ? row.approvalExpiresAt : null,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
  };
}

/** The same filters for the search's plain-SQL page (lib/db/search-sql.ts). */
function showFilter(show: Filter["show"], { now, staleAfterDays }: QuestionSettings): SearchPageInput["show"] {
  if (show === "stale") return { kind: "stale", cutoff: new Date(now.getTime() - staleAfterDays * DAY_MS) };
  if (show === "ending") return { kind: "ending", soon: new Date(now.getTime() + ENDING_SOON_DAYS * DAY_MS) };
  if (show === "ending-unknown") return { kind: "ending-unknown" };
  return undefined;
}

/** One page of the table and how many rows match; a search goes through the token index in one statement. */
export async function listParticipants(staff: StaffSession, query: ParticipantQuery, settings: QuestionSettings = questionSettings()): Promise<{ rows: ParticipantRow[]; total: number }> {
  assertRole(staff, "viewer");
  const client = await db();
  if (query.q.trim() !== "") {
    const { ids, total } = await searchConnectionPage(client, dbProvider(), {
      ranges: searchRanges(query.q),
      ...(query.status && { status: query.status }),
      ...(query.ehr && { healthSystemId: query.ehr }),
      show: showFilter(query.show, settings),
      sort: query.sort,
      dir: query.dir,
      limit: query.size,
      offset: (query.page - 1) * query.size,
    });
    const found = await client.connection.findMany({ where: { id: { in: ids } }, select: participantRowSelect });
    const byId = new Map(found.map((r) => [r.id, r]));
    return { rows: ids.flatMap((id) => (byId.has(id) ? [toParticipantRow(byId.get(id)!)] : [])), total };
  }
  const where = participantWhere(query, settings);
  const [rows, total] = await Promise.all([
    client.connection.findMany({ where, orderBy: orderBy(query), skip: (query.page - 1) * query.size, take: query.size, select: participantRowSelect }),
    client.connection.count({ where }),
  ]);
  return { rows: rows.map(toParticipantRow), total };
}

/** Every health system, for the EHR filter (id and name only). */
export async function listHealthSystemNames(staff: StaffSession): Promise<{ id: string; name: string }[]> {
  assertRole(staff, "viewer");
  return (await db()).healthSystem.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
