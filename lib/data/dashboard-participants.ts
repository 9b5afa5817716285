import "server-only";
import { db } from "../db";
import type { Prisma } from "../db/client";
import type { ParticipantQuery } from "../dashboard/query";
import { assertRole, type StaffSession } from "../staff/roles";

/**
 * The dashboard's participant table: one row per connection (a participant and one health
 * system), filtered, sorted and paged in the database. A page costs the same few queries
 * whatever its size or the number of participants.
 */
export type ParticipantRow = {
  participantId: string;
  connectionId: string;
  withdrawnAt: Date | null;
  /** null once withdrawn under the "delete" policy, or before the first Patient read. */
  name: string | null;
  gender: string | null;
  birthDate: string | null;
  city: string | null;
  state: string | null;
  patientId: string;
  healthSystemId: string;
  healthSystemName: string;
  status: string;
  connectedAt: Date;
  lastSyncAt: Date | null;
};

type Filter = Pick<ParticipantQuery, "q" | "status" | "ehr">;

/**
 * Search fragments: Prisma's `contains` (LIKE) does not escape % and _ with the driver adapters
 * (the data-layer tests prove it on both databases), so the search is cut at those characters
 * (and backslashes): every fragment must appear. Names and FHIR ids never contain them, and a
 * search made only of them matches nothing instead of everything.
 */
export const searchFragments = (q: string) => q.split(/[%_\\]+/).filter((f) => f.trim() !== "");

/** The table's filters as a Prisma `where` (searchText is lower-cased, and so is the query). */
export function participantWhere({ q, status, ehr }: Filter): Prisma.ConnectionWhereInput {
  const fragments = searchFragments(q);
  const search: Prisma.ConnectionWhereInput | undefined = !q
    ? undefined
    : fragments.length === 0
      ? { id: { in: [] } }
      : fragments.length === 1
        ? { snapshot: { searchText: { contains: fragments[0] } } }
        : { AND: fragments.map((contains) => ({ snapshot: { searchText: { contains } } })) };
  return {
    ...(status && { status }),
    ...(ehr && { healthSystemId: ehr }),
    ...search,
  };
}

function orderBy({ sort, dir }: ParticipantQuery): Prisma.ConnectionOrderByWithRelationInput[] {
  const byField: Record<ParticipantQuery["sort"], Prisma.ConnectionOrderByWithRelationInput> = {
    connected: { connectedAt: dir },
    name: { snapshot: { displayName: dir } },
    birthDate: { snapshot: { birthDate: dir } },
    lastSync: { lastSyncAt: dir },
    status: { status: dir },
  };
  return [byField[sort], { id: dir }];
}

export const participantRowSelect = {
  id: true,
  participantId: true,
  patientId: true,
  status: true,
  connectedAt: true,
  lastSyncAt: true,
  healthSystemId: true,
  participant: { select: { withdrawnAt: true } },
  healthSystem: { select: { name: true } },
  snapshot: { select: { displayName: true, gender: true, birthDate: true, city: true, state: true } },
} satisfies Prisma.ConnectionSelect;

export type ParticipantSelectedRow = Prisma.ConnectionGetPayload<{ select: typeof participantRowSelect }>;

export function toParticipantRow(row: ParticipantSelectedRow): ParticipantRow {
  return {
    participantId: row.participantId,
    connectionId: row.id,
    withdrawnAt: row.participant.withdrawnAt,
    name: row.snapshot?.displayName ?? null,
    gender: row.snapshot?.gender ?? null,
    birthDate: row.snapshot?.birthDate ?? null,
    city: row.snapshot?.city ?? null,
    state: row.snapshot?.state ?? null,
    patientId: row.patientId,
    healthSystemId: row.healthSystemId,
    healthSystemName: row.healthSystem.name,
    status: row.status,
    connectedAt: row.connectedAt,
    lastSyncAt: row.lastSyncAt,
  };
}

export async function listParticipants(staff: StaffSession, query: ParticipantQuery): Promise<{ rows: ParticipantRow[]; total: number }> {
  assertRole(staff, "viewer");
  const client = await db();
  const where = participantWhere(query);
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
