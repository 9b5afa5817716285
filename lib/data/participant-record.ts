import "server-only";
import { recordAudit } from "./audit-events";
import { db, readRecordResources } from "../db";
import { formatRecord, type FormatRecordOptions, type FormattedRecord, type StoredResource } from "../fhir/record";
import { assertRole, type StaffSession } from "../staff/roles";
import { prettyJson } from "./dashboard-participant";

/**
 * The record of a participant's connections, from the resource store (FhirResource rows the sync
 * keeps; removed ones left out), formatted into sections for staff. The caller has the
 * participant view audited (getParticipantForStaff); the raw JSON of one resource is a view of
 * its own, audited here.
 */
export type ConnectionRecord = { connectionId: string; record: FormattedRecord; resources: number; lastChangedAt: Date | null };

export async function getParticipantRecords(staff: StaffSession, participantId: string, options: FormatRecordOptions = {}): Promise<ConnectionRecord[]> {
  assertRole(staff, "viewer");
  const client = await db();
  const connections = await client.connection.findMany({ where: { participantId }, select: { id: true }, orderBy: { connectedAt: "desc" } });
  return Promise.all(
    connections.map(async ({ id }) => {
      const [rows, changed] = await Promise.all([
        readRecordResources(id),
        client.fhirResource.aggregate({ where: { connectionId: id, removedAt: null }, _max: { changedAt: true } }),
      ]);
      const stored: StoredResource[] = rows.map((r) => ({ id: r.id, resourceType: r.resourceType, json: parseJson(r.resourceJson) }));
      return { connectionId: id, record: formatRecord(stored, options), resources: rows.length, lastChangedAt: changed._max.changedAt };
    }),
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export type StoredResourceView = { id: string; resourceType: string; fhirId: string; versionId: string | null; lastUpdated: string | null; source: string; firstSeenAt: Date; changedAt: Date; removedAt: Date | null; healthSystemName: string; json: string };

/** One stored resource of this participant, pretty-printed, for "Raw data"; audited. Null when it is not theirs. */
export async function getStoredResourceForStaff(staff: StaffSession, participantId: string, resourceId: string): Promise<StoredResourceView | null> {
  assertRole(staff, "viewer");
  const row = await (await db()).fhirResource.findFirst({
    where: { id: resourceId, connection: { participantId } },
    select: {
      id: true, resourceType: true, fhirId: true, versionId: true, lastUpdated: true, source: true, firstSeenAt: true, changedAt: true, removedAt: true, resourceJson: true,
      connection: { select: { healthSystem: { select: { name: true } } } },
    },
  });
  if (!row) return null;
  await recordAudit(staff, "resource.view", { participantId, detail: `${row.resourceType}/${row.fhirId}` });
  const { resourceJson, connection, ...rest } = row;
  return { ...rest, healthSystemName: connection.healthSystem.name, json: prettyJson(resourceJson) };
}
