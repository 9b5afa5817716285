import "server-only";
import type { DbTransaction } from "../db/client";

type Tx = Pick<DbTransaction, "deletedResourceKey" | "fhirResource" | "patientSnapshot" | "recordTypeState" | "searchToken">;

/** Keys copied per statement: well under SQLite's bound-value limit at four columns a row. */
const KEYS_PER_STATEMENT = 1_000;

/**
 * The withdrawal policy `delete`, for some connections, inside the caller's transaction (a
 * withdrawal or a stop-sharing): the Patient snapshot, every stored resource, the sync's states and
 * the names and identifiers read from the record go. Only the resources' keys stay, with the time,
 * for Bulk Data exports' `deleted` list; a key deleted again (after a rejoin) keeps its newest time.
 */
export async function forgetStoredRecord(tx: Tx, connectionIds: string[], at: Date): Promise<void> {
  if (connectionIds.length === 0) return;
  const where = { connectionId: { in: connectionIds } };
  await tx.deletedResourceKey.deleteMany({ where });
  for (let after: { connectionId: string; resourceType: string; fhirId: string } | undefined; ; ) {
    const keys = await tx.fhirResource.findMany({
      where,
      select: { connectionId: true, resourceType: true, fhirId: true },
      orderBy: [{ connectionId: "asc" }, { resourceType: "asc" }, { fhirId: "asc" }],
      take: KEYS_PER_STATEMENT,
      ...(after && { cursor: { connectionId_resourceType_fhirId: after }, skip: 1 }),
    });
    if (keys.length === 0) break;
    await tx.deletedResourceKey.createMany({ data: keys.map((key) => ({ ...key, deletedAt: at })) });
    if (keys.length < KEYS_PER_STATEMENT) break;
    after = keys.at(-1);
  }
  await tx.patientSnapshot.deleteMany({ where });
  await tx.fhirResource.deleteMany({ where });
  await tx.recordTypeState.deleteMany({ where });
  await tx.searchToken.deleteMany({ where: { ...where, source: "record" } });
}
