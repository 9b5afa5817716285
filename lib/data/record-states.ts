import "server-only";
import { recordSql, type StateRow } from "../db";

/**
 * Per-search sync state (RecordTypeState): one row per planned search of a connection
 * ("Observation:laboratory"), "pending" from the start of its first pass (or a reconnect) and then
 * "done", "failed", "refused" or "unsupported" with a plain reason; a later pass replaces that
 * result when it finishes the search. The pull writes them through its writer
 * (lib/sync/record-writer.ts), after the pages they report on; every write checks the connection
 * is still active.
 */
export type RecordState = StateRow;
export type RecordStateName = "pending" | "done" | "failed" | "refused" | "unsupported";

export async function readRecordStates(connectionId: string): Promise<Map<string, RecordState>> {
  return new Map((await (await recordSql()).states(connectionId)).map((s) => [s.searchKey, s]));
}

/**
 * The end of a connection's sync: lastSyncAt stamped (the connection is not due again until the
 * interval passes), recordSyncedAt when no search failed; the claim's refresh-pending mark cleared
 * when no refresh was sent (a one-time copy). With `releaseOwner`, that worker's claim ends in the
 * same statement (one commit less per connection than a separate release). False when the
 * connection is no longer active: nothing is written, and the claim is left to the caller.
 */
export async function finishRecordSync(connectionId: string, input: { complete: boolean; refreshed: boolean; releaseOwner?: string }): Promise<boolean> {
  const { complete, refreshed, releaseOwner } = input;
  return (await (await recordSql()).finish(connectionId, { at: new Date(), complete, clearPending: !refreshed, releaseOwner: releaseOwner ?? null })).active;
}
