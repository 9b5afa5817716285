/**
 * How a sync worker's process starts: Node with WORKER_NODE_FLAGS, then tsx and the react-server
 * condition. `npm run worker` and `npm run sync` (package.json), `npm run dev` and the benchmarks
 * all start it this way; scripts/cli.test.ts holds package.json to it.
 *
 * `--single-threaded-gc`: V8 collects garbage on the worker's own thread only. By default it also
 * scavenges and marks on helper threads, which shortens pauses — but a sync worker is a batch job
 * whose pauses nobody waits for, on a machine of two cores shared with the portal and the
 * database, and the helpers' hand-offs cost CPU. A first pass over 500 connections × 200
 * resources took 8–14% less CPU with it (docs/SYNC.md "Committed figures"). The flag cannot be set
 * once the process runs (V8 aborts), so it is a command-line flag.
 */
export const WORKER_NODE_FLAGS = ["--single-threaded-gc"] as const;

/** Node's arguments to run `script` as a sync worker process. */
export function workerNodeArgs(script: string, ...args: string[]): string[] {
  return [...WORKER_NODE_FLAGS, "--import", "tsx", "--conditions=react-server", script, ...args];
}
