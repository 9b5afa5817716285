import "server-only";
import { recordSql, type StateRow } from "../db";

/**
 * Per-search sync state (RecordTypeState): one row per planned search of a connection
 * ("Observation:laboratory"), written "pending" at the start of a pass and then "done", "failed",
 * "refused" or "unsupported" with a plain reason. Every write checks the connection is still active.
 */
export type RecordState = StateRow;
export type RecordStateName = "pending" | "done" | "failed" | "refused" | "unsupported";

export async function readRecordStates(connectionId: string): Promise<Map<string, RecordState>> {
  return new Map((await (await recordSql()).states(connectionId)).map((s) => [s.searchKey, s]));
}

/** False when the connection is no longer active: nothing was written. */
export async function writeRecordStates(connectionId: string, rows: RecordState[]): Promise<boolean> {
  if (rows.length === 0) return true;
  return (await (await recordSql()).write(connectionId, { groups: [], removals: [], states: rows }, new Date())).active;
}

/**
 * The end of a connection's sync: lastSyncAt stamped (the connection is not due again until the
 * interval passes), recordSyncedAt when no search failed; the claim's refresh-pending mark cleared
 * when no refresh was sent (a one-time copy). False when the connection is no longer active.
 */
export async function finishRecordSync(connectionId: string, input: { complete: boolean; refreshed: boolean }): Promise<boolean> {
  return (await (await recordSql()).finish(connectionId, { at: new Date(), complete: input.complete, clearPending: !input.refreshed })).active;
}
