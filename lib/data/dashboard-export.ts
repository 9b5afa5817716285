import "server-only";
import { db } from "../db";
import { keysetPages } from "../db/keyset-pages";
import type { ParticipantQuery } from "../dashboard/query";
import { assertRole, type StaffSession } from "../staff/roles";
import { participantRowSelect, participantWhere, toParticipantRow, type ParticipantRow, type ParticipantSelectedRow } from "./dashboard-participants";

export const EXPORT_BATCH_SIZE = 500;

type Filter = Pick<ParticipantQuery, "q" | "status" | "ehr"> & Partial<Pick<ParticipantQuery, "show">>;

/** The participant table for export (coordinators and admins), in batches by id (keyset paging). */
export async function* exportParticipantRows(staff: StaffSession, filter: Filter, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<ParticipantRow[]> {
  assertRole(staff, "coordinator");
  const client = await db();
  const where = participantWhere(filter);
  const pages = keysetPages(
    batchSize,
    (after): Promise<ParticipantSelectedRow[]> =>
      client.connection.findMany({
        where: after ? { AND: [where, { id: { gt: after } }] } : where,
        orderBy: { id: "asc" },
        take: batchSize,
        select: participantRowSelect,
      }),
    (row) => row.id,
  );
  for await (const rows of pages) yield rows.map(toParticipantRow);
}

/** The stored FHIR Patient resources (as stored, one JSON text each) of the filtered table. */
export async function* exportPatientResources(staff: StaffSession, filter: Filter, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<string[]> {
  assertRole(staff, "coordinator");
  const client = await db();
  const connection = participantWhere(filter);
  const pages = keysetPages(
    batchSize,
    (after) =>
      client.patientSnapshot.findMany({
        where: { connection, ...(after && { id: { gt: after } }) },
        orderBy: { id: "asc" },
        take: batchSize,
        select: { id: true, resourceJson: true },
      }),
    (row) => row.id,
  );
  for await (const rows of pages) yield rows.map((r) => r.resourceJson);
}
