/**
 * The heap of a process that syncs records (`npm run worker`, `npm run sync`). V8 lets its heap
 * grow to as much as four times what survives a full collection before it collects again; a pass
 * over 10,000 whole records then peaked at 297–325 MB of RSS, and a first pass of 1,000 × 200
 * resources at 245–299 MB, against the 300 MB the benchmarks hold them to. Growing by half
 * instead: 216–229 and 204–220 MB, for about 4% more CPU (full collections come more often; four
 * alternated pairs, docs/SYNC.md). Call it before the work starts.
 */
import { setFlagsFromString } from "node:v8";

/** How much the old generation may grow past what survived the last full collection, in percent. */
export const WORKER_HEAP_GROWING_PERCENT = 50;

export function keepWorkerHeapSmall(): void {
  setFlagsFromString(`--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`);
}
