/**
 * Test factories for the resource store (FhirResource): rows written the way the sync stores
 * them (the resource's JSON as its EHR sent it, a content hash, when it was first seen and last
 * changed), without depending on the sync itself.
 */
import { createHash } from "node:crypto";
import { db } from "../db";
import { patientResource, recordResource } from "../fhir/record-fixtures";

type Stored = { resourceType: string; id: string } & Record<string, unknown>;

export async function storeResources(connectionId: string, resources: Stored[], options: { changedAt?: Date; removedAt?: Date | null; source?: string } = {}) {
  const at = options.changedAt ?? new Date();
  const rows = resources.map((r) => {
    const json = JSON.stringify(r);
    return {
      connectionId,
      resourceType: r.resourceType,
      fhirId: r.id,
      versionId: (r.meta as { versionId?: string } | undefined)?.versionId ?? null,
      lastUpdated: (r.meta as { lastUpdated?: string } | undefined)?.lastUpdated ?? null,
      contentHash: createHash("sha256").update(json).digest("base64url"),
      resourceJson: json,
      source: options.source ?? "record",
      firstSeenAt: at,
      lastSeenAt: at,
      changedAt: at,
      removedAt: options.removedAt ?? null,
    };
  });
  await (await db()).fhirResource.createMany({ data: rows });
  return rows;
}

/** A connection's whole record: its Patient and `count` other resources, in its server's FHIR version. */
export async function storeRecord(connectionId: string, { fhirVersion, patientId, count, changedAt }: { fhirVersion: string; patientId: string; count: number; changedAt?: Date }) {
  const resources = [patientResource(fhirVersion, patientId, "Record"), ...Array.from({ length: count }, (_, n) => recordResource(fhirVersion, patientId, n))];
  return storeResources(connectionId, resources, changedAt ? { changedAt } : {});
}
