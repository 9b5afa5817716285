import "server-only";
import { recordSql, type BatchWritten, type RecordBatch, type ResourceRow, type StoredMark } from "../db";

/**
 * The resource store (FhirResource) as the sync writes it. Unchanged resources (same
 * meta.versionId and meta.lastUpdated, or the same content hash when the server gives neither)
 * cause no write at all; new and changed ones are written together in one transaction that first
 * checks the connection is still active (the withdrawal rule, lib/db/sync-sql/record-types.ts).
 * A resource missing from a full re-pull is marked removed (kept, with the time), never deleted.
 */

function unchanged(stored: StoredMark, row: ResourceRow): boolean {
  if (stored.removed) return false;
  if (stored.versionId !== null && stored.lastUpdated !== null && row.versionId !== null && row.lastUpdated !== null)
    return stored.versionId === row.versionId && stored.lastUpdated === row.lastUpdated;
  return stored.contentHash === row.contentHash;
}

/**
 * Writes one connection's batch (lib/db/sync-sql/record-types.ts: resources, then removal marks,
 * then state rows) after leaving out the resources already stored unchanged. `storedTypes`: the
 * types the connection held anything of when its pull began; the stored marks of a type not in it
 * (a first sync) are not looked up; the write itself still leaves a resource stored meanwhile
 * unchanged when it is (the upsert's condition).
 */
export async function storeRecordBatch(connectionId: string, batch: RecordBatch, options: { storedTypes?: ReadonlySet<string> } = {}): Promise<BatchWritten> {
  if (batch.groups.length + batch.removals.length + batch.states.length === 0) return { active: true, written: {}, removed: {} };
  const sql = await recordSql();
  const { storedTypes } = options;
  // Stored marks, looked up once per type for all the batch's rows of it.
  const toCheck = new Map<string, string[]>();
  for (const { rows } of batch.groups)
    for (const row of rows) {
      if (storedTypes && !storedTypes.has(row.resourceType)) continue;
      const ids = toCheck.get(row.resourceType);
      if (ids) ids.push(row.fhirId);
      else toCheck.set(row.resourceType, [row.fhirId]);
    }
  if (toCheck.size === 0) return sql.write(connectionId, batch, new Date());
  const marks = new Map<string, StoredMark>();
  for (const [type, ids] of toCheck) for (const m of await sql.marks(connectionId, type, ids)) marks.set(`${type}/${m.fhirId}`, m);
  // Only looked-up types have marks: a fresh type's rows all stay.
  const groups: RecordBatch["groups"] = [];
  for (const { source, rows } of batch.groups) {
    const kept: ResourceRow[] = [];
    for (const row of rows) {
      const stored = marks.get(`${row.resourceType}/${row.fhirId}`);
      if (!stored || !unchanged(stored, row)) kept.push(row);
    }
    groups.push({ source, rows: kept });
  }
  return sql.write(connectionId, { ...batch, groups }, new Date());
}

/** "Type/id" of the connection's stored resources of these types (not removed). */
export async function storedResourceKeys(connectionId: string, resourceTypes: string[]): Promise<Set<string>> {
  return (await recordSql()).storedIds(connectionId, resourceTypes);
}

/** The types the connection has anything stored of (removed resources included). */
export async function storedResourceTypes(connectionId: string): Promise<Set<string>> {
  return (await recordSql()).storedTypes(connectionId);
}

/** Resources held (not removed) by type over these connections: the sync CLI's `resourcesHeld`. */
export async function heldResourcesByType(connectionIds: string[]): Promise<Record<string, number>> {
  if (connectionIds.length === 0) return {};
  const counts: Record<string, number> = {};
  const sql = await recordSql();
  for (let i = 0; i < connectionIds.length; i += 500) {
    for (const [type, n] of Object.entries(await sql.held(connectionIds.slice(i, i + 500)))) counts[type] = (counts[type] ?? 0) + n;
  }
  return counts;
}
