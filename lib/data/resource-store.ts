import "server-only";
import { recordSql, type ResourceRow, type StoredMark } from "../db";

/**
 * The resource store (FhirResource) as the sync writes it. Unchanged resources (same
 * meta.versionId and meta.lastUpdated, or the same content hash when the server gives neither)
 * cause no write at all; new and changed ones are written together in one transaction that first
 * checks the connection is still active (the withdrawal rule, lib/db/sync-sql/record-types.ts).
 * A resource missing from a full re-pull is marked removed (kept, with the time), never deleted.
 */
export type StoreOutcome = { active: boolean; written: number };

function unchanged(stored: StoredMark, row: ResourceRow): boolean {
  if (stored.removed) return false;
  if (stored.versionId !== null && stored.lastUpdated !== null && row.versionId !== null && row.lastUpdated !== null)
    return stored.versionId === row.versionId && stored.lastUpdated === row.lastUpdated;
  return stored.contentHash === row.contentHash;
}

/**
 * Stores one page (all of one type) whole or not at all; `source` "record" (found by searching) or
 * "reference". `nothingStored`: the caller knows the connection held nothing of these types when
 * its pull began (a first sync), so the stored marks are not looked up; the write itself still
 * leaves a resource stored meanwhile unchanged when it is (the upsert's condition).
 */
export async function storeResources(connectionId: string, source: "record" | "reference", rows: ResourceRow[], options: { nothingStored?: boolean } = {}): Promise<StoreOutcome> {
  if (rows.length === 0) return { active: true, written: 0 };
  const sql = await recordSql();
  if (options.nothingStored) {
    const done = await sql.upsert(connectionId, source, rows, new Date());
    return { active: done.active, written: done.count };
  }
  const byType = new Map<string, ResourceRow[]>();
  for (const row of rows) {
    const group = byType.get(row.resourceType);
    if (group) group.push(row);
    else byType.set(row.resourceType, [row]);
  }
  const changed: ResourceRow[] = [];
  for (const [type, group] of byType) {
    const marks = new Map((await sql.marks(connectionId, type, group.map((r) => r.fhirId))).map((m) => [m.fhirId, m]));
    for (const row of group) {
      const stored = marks.get(row.fhirId);
      if (!stored || !unchanged(stored, row)) changed.push(row);
    }
  }
  if (changed.length === 0) return { active: true, written: 0 };
  const done = await sql.upsert(connectionId, source, changed, new Date());
  return { active: done.active, written: done.count };
}

/** After a full re-pull of a type: what the EHR no longer lists is marked removed (kept). */
export async function markMissingRemoved(connectionId: string, resourceType: string, stillListed: Iterable<string>): Promise<StoreOutcome> {
  const done = await (await recordSql()).markRemoved(connectionId, resourceType, [...stillListed], new Date());
  return { active: done.active, written: done.count };
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
