import "server-only";
import { db } from "../db";
import { keysetPages } from "../db/keyset-pages";
import type { ParticipantQuery } from "../dashboard/query";
import { assertRole, type StaffSession } from "../staff/roles";
import { recordAudit } from "./audit-events";
import { participantRowSelect, participantWhere, toParticipantRow, type ParticipantRow, type ParticipantSelectedRow } from "./dashboard-participants";

export const EXPORT_BATCH_SIZE = 500;

type Filter = Pick<ParticipantQuery, "q" | "status" | "ehr"> & Partial<Pick<ParticipantQuery, "show">>;

const filterDetail = ({ q, status, ehr }: Filter) => JSON.stringify({ q, status: status ?? null, ehr: ehr ?? null });

/**
 * The participant table for export as CSV (coordinators and admins): checks the role and audits
 * the export with its filters before anything is read, then yields batches by id (keyset paging).
 */
export async function exportParticipantRows(staff: StaffSession, filter: Filter, batchSize = EXPORT_BATCH_SIZE): Promise<AsyncGenerator<ParticipantRow[]>> {
  assertRole(staff, "coordinator");
  await recordAudit(staff, "participants.export.csv", { detail: filterDetail(filter) });
  return participantRowPages(filter, batchSize);
}

async function* participantRowPages(filter: Filter, batchSize: number): AsyncGenerator<ParticipantRow[]> {
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

/**
 * The stored FHIR Patient resources (as stored, one JSON text each) of the filtered table, as
 * NDJSON (coordinators and admins): role checked and export audited before anything is read.
 */
export async function exportPatientResources(staff: StaffSession, filter: Filter, batchSize = EXPORT_BATCH_SIZE): Promise<AsyncGenerator<string[]>> {
  assertRole(staff, "coordinator");
  await recordAudit(staff, "patients.export.ndjson", { detail: filterDetail(filter) });
  return patientResourcePages(filter, batchSize);
}

async function* patientResourcePages(filter: Filter, batchSize: number): AsyncGenerator<string[]> {
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
