/**
 * One group commit per SQLite file in this process for the sync's writes: the resource store's
 * guarded units (record-sqlite.ts) and the hot path's batches of tokens, snapshots and ends of
 * claims (sqlite.ts) queued in the same moment run one after another in ONE `IMMEDIATE`
 * transaction, in the process's write turn. Two queues made two commits a moment, each rewriting
 * the Connection table's index pages to the WAL. A unit is synchronous work (better-sqlite3); if
 * one throws, the transaction rolls back and each unit is retried alone (lib/db/write-batcher), so
 * one unit's failure never writes half of it nor loses the others. Framework-free.
 */
import type Database from "better-sqlite3";
import type { WriteTurn } from "../sqlite-write-turns";
import { WriteBatcher } from "../write-batcher";

/** About this many rows a transaction at most: one commit never holds the thread for long. */
const MAX_ROWS = 400;

type Unit = { rows: number; work: () => unknown };

export type SqliteCommits = {
  /** Runs `work` (writing about `rows` rows) in a transaction shared with the other units of the moment; resolves once it committed. */
  commit<T>(rows: number, work: () => T): Promise<T>;
};

const byDatabase = new WeakMap<Database.Database, SqliteCommits>();

export function sqliteCommits(db: Database.Database, turn: WriteTurn): SqliteCommits {
  let commits = byDatabase.get(db);
  if (!commits) {
    const runAll = db.transaction((units: Unit[]) => units.map((u) => u.work()));
    const queue = new WriteBatcher((units: Unit[]) => turn.run(() => runAll.immediate(units)), { maxWeight: MAX_ROWS, weigh: (u) => u.rows });
    commits = { commit: <T>(rows: number, work: () => T) => queue.add({ rows: Math.max(1, rows), work }) as Promise<T> };
    byDatabase.set(db, commits);
  }
  return commits;
}
