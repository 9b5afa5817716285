import "server-only";
import { syncSql } from "../db";
import type { SyncWrite } from "../db/sync-sql";
import { WriteBatcher } from "../db/write-batcher";

/**
 * The hot path's writes (rotated tokens, snapshots, ends of claims), group-committed: whatever is
 * queued in the same moment goes to the database in one transaction (lib/db/write-batcher), and
 * each caller waits for that commit. For tokens, the answer is whether the compare-and-swap won.
 */
let writes: Promise<WriteBatcher<SyncWrite, boolean>> | undefined;

export async function commitSyncWrite(write: SyncWrite): Promise<boolean> {
  writes ??= syncSql().then((sql) => new WriteBatcher((items: SyncWrite[]) => sql.write(items), { concurrency: sql.writeConcurrency }));
  return (await writes).add(write);
}
