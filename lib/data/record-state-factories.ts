/**
 * Test factory for the whole-record sync's per-search state (RecordTypeState): rows written the
 * way the sync plans and finishes its searches, for tests of what participants and staff see,
 * without running the sync itself.
 */
import { db } from "../db";

export type SearchRow = { state: string; lastCompleteAt?: Date; lastError?: string; lastErrorAt?: Date; refusedCount?: number };

/** One RecordTypeState row per search key ("Observation:laboratory", "Condition", …). */
export async function plannedSearches(connectionId: string, searches: Readonly<Record<string, string | SearchRow>>) {
  const data = Object.entries(searches).map(([searchKey, row]) => {
    const r = typeof row === "string" ? { state: row } : row;
    return { connectionId, searchKey, resourceType: searchKey.split(":")[0]!, ...r };
  });
  await (await db()).recordTypeState.createMany({ data });
}
