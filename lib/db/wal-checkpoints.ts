/**
 * Checkpoints of a SQLite file's write-ahead log on a thread of their own, for the processes that
 * write much (the sync worker, `npm run sync`): SQLITE_CHECKPOINTS=background.
 *
 * By default SQLite checkpoints in the commit that grows the log past 1,000 pages: that commit
 * copies the log's pages into the database file and syncs both files, on the one JavaScript
 * thread, which answers nothing meanwhile. A Patient-only pass wrote about 9,000 pages a second,
 * so the thread stopped for a checkpoint several times a second, and every EHR answer that
 * arrived then waited, holding its request slot (docs/SYNC.md, "Checkpoints stopped the worker's thread").
 *
 * Here a worker thread with its own connection runs a PASSIVE checkpoint every
 * BACKGROUND_CHECKPOINT_MS: it copies what the log holds without taking the write lock or waiting
 * for anyone, while the process goes on writing. The process's own connections checkpoint only
 * past FALLBACK_CHECKPOINT_PAGES, a safety net: the log is rewound from its start only by a write
 * that finds it wholly copied, which a busy writer seldom leaves time for, and the net's
 * checkpoint then has little left to copy. If the thread stops, the net keeps the log bounded.
 * Framework-free.
 */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { Env } from "../config/env-schema";
import { log } from "../log";

/** How the process checkpoints its SQLite file: SQLITE_CHECKPOINTS (lib/config/env-schema.ts). */
export type SqliteCheckpoints = Env["SQLITE_CHECKPOINTS"];

export const BACKGROUND_CHECKPOINT_MS = 100;
/** SQLite's wal_autocheckpoint for the process's own connections when the thread checkpoints (4 KB pages: 32 MB). */
export const FALLBACK_CHECKPOINT_PAGES = 8_000;

// The thread's code (CommonJS, evaluated: no loader or bundler needed). It reports a failure once
// and stops; the process's own connections then checkpoint past the safety net.
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    clearInterval(timer);
    parentPort.postMessage(String(error && error.message || error));
    db.close();
  }
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

const threads = new Map<string, Worker>();

/** Starts the checkpoint thread of the SQLite file at `file` (once per file in this process); it never keeps the process alive. */
export function checkpointInBackground(file: string): void {
  const key = resolve(file);
  if (threads.has(key)) return;
  // The thread loads the same driver, found from the project as relative paths are (DATABASE_URL's too).
  const driver = createRequire(resolve("package.json")).resolve("better-sqlite3");
  const thread = new Worker(THREAD, { eval: true, workerData: { file: key, driver, everyMs: BACKGROUND_CHECKPOINT_MS } });
  thread.unref();
  thread.on("message", (message: unknown) => log.error("sqlite.background_checkpoint_failed", { file: key, error: String(message) }));
  thread.on("error", (error) => log.error("sqlite.background_checkpoint_failed", { file: key, error: error.message }));
  threads.set(key, thread);
}

/** Stops the file's checkpoint thread, if one runs (tests). */
export async function stopBackgroundCheckpoints(file: string): Promise<void> {
  const key = resolve(file);
  const thread = threads.get(key);
  if (!thread) return;
  threads.delete(key);
  const exited = new Promise<void>((done) => thread.once("exit", () => done()));
  thread.postMessage("stop");
  await exited;
}
