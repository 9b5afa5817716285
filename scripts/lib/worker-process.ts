/**
 * What a process that syncs records (`npm run worker`, `npm run sync`, the benchmarks' pass)
 * sets before its work starts, after its environment is loaded: a small heap
 * (./worker-heap.ts), and on SQLite the write-ahead log checkpointed on a thread of its own
 * (lib/db/wal-checkpoints.ts) unless SQLITE_CHECKPOINTS says otherwise.
 */
import { keepWorkerHeapSmall } from "./worker-heap";

export function prepareWorkerProcess(): void {
  keepWorkerHeapSmall();
  process.env.SQLITE_CHECKPOINTS ??= "background";
}
