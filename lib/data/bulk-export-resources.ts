import "server-only";
import { db, exportSql } from "../db";
import type { ExportJob } from "./bulk-exports";
import type { ResearchCaller } from "./research-tokens";

/**
 * What a Bulk Data export reads from the resource store (FhirResource), in keyset pages so memory
 * stays flat at any size: the study's connections in id order, then each connection's resources
 * in (resourceType, fhirId) order along its unique index. Every function takes the export job
 * it reads for; which participants a job may see is decided by the runner from the rows given
 * here (participant status and withdrawal time) and the study's withdrawal policy.
 */
export type ExportConnection = {
  connectionId: string;
  participantId: string;
  participantStatus: string;
  withdrawnAt: Date | null;
  healthSystemId: string;
  patientId: string;
  /** The health system's FHIR version ("1.0.2", "4.0.1", …), null when it did not say. */
  fhirVersion: string | null;
};

export type ResourceKey = { resourceType: string; fhirId: string };
export type StoredResource = ResourceKey & { resourceJson: string };

/** Which stored resources a page reads: changed within (since, until], of these types (null: all). */
export type ResourceWindow = { since: Date | null; until: Date; types: string[] | null };

export async function countExportConnections(_job: ExportJob): Promise<number> {
  return (await db()).connection.count();
}

export async function exportConnectionsPage(_job: ExportJob, after: string, limit: number): Promise<ExportConnection[]> {
  const rows = await (await db()).connection.findMany({
    where: { id: { gt: after } },
    orderBy: { id: "asc" },
    take: limit,
    select: {
      id: true, healthSystemId: true, patientId: true,
      participant: { select: { id: true, status: true, withdrawnAt: true } },
      healthSystem: { select: { fhirVersion: true } },
    },
  });
  return rows.map((r) => ({
    connectionId: r.id,
    participantId: r.participant.id,
    participantStatus: r.participant.status,
    withdrawnAt: r.participant.withdrawnAt,
    healthSystemId: r.healthSystemId,
    patientId: r.patientId,
    fhirVersion: r.healthSystem.fhirVersion,
  }));
}

const afterKey = (after: ResourceKey | null) =>
  after ? { OR: [{ resourceType: { gt: after.resourceType } }, { resourceType: after.resourceType, fhirId: { gt: after.fhirId } }] } : {};

const typeFilter = (types: string[] | null) => (types ? { resourceType: { in: types } } : {});

/** Stored resources of one connection (not removed) that changed within the window (the plain-SQL hot path). */
export async function exportResourcesPage(_job: ExportJob, connectionId: string, window: ResourceWindow, after: ResourceKey | null, limit: number): Promise<StoredResource[]> {
  return (await exportSql()).resourcePage({
    connectionId,
    afterType: after?.resourceType ?? "",
    afterId: after?.fhirId ?? "",
    until: window.until,
    since: window.since,
    types: window.types,
    limit,
  });
}

/**
 * Keys of one connection's resources to report as deleted: those a re-pull stopped finding within
 * the window (`removedOnly`), or those deleted when the participant withdrew under the delete policy.
 */
export async function deletedResourcesPage(
  _job: ExportJob,
  connectionId: string,
  window: ResourceWindow & { removedOnly: boolean },
  after: ResourceKey | null,
  limit: number,
): Promise<ResourceKey[]> {
  const query = {
    orderBy: [{ resourceType: "asc" as const }, { fhirId: "asc" as const }],
    take: limit,
    select: { resourceType: true, fhirId: true },
  };
  const client = await db();
  if (window.removedOnly) {
    return client.fhirResource.findMany({
      where: { connectionId, removedAt: { lte: window.until, ...(window.since && { gt: window.since }) }, ...typeFilter(window.types), ...afterKey(after) },
      ...query,
    });
  }
  // Deleted at the withdrawal (or stop-sharing) under the delete policy: only their keys are left.
  return client.deletedResourceKey.findMany({
    where: { connectionId, deletedAt: { lte: window.until, ...(window.since && { gt: window.since }) }, ...typeFilter(window.types), ...afterKey(after) },
    ...query,
  });
}

/** Participants taking part now (the study group's size), for a research client. */
export async function countStudyGroupMembers(_caller: ResearchCaller): Promise<number> {
  return (await db()).participant.count({ where: { status: "active" } });
}
