/**
 * One writer at a time per SQLite file in this process, waited for without blocking the thread.
 *
 * A process holds two connections to the file: Prisma's and the plain-SQL one (lib/db/sql.ts),
 * both better-sqlite3, both synchronous on the one JavaScript thread. A Prisma interactive
 * transaction holds the write lock (BEGIN IMMEDIATE) across `await`s; a plain-SQL write that
 * begins meanwhile waits in SQLite's busy handler, which sleeps the whole thread, so the Prisma
 * transaction cannot go on to commit: after the busy timeout the write fails with "database is
 * locked", having stopped every request of the process for 5 s. Taking a turn here first makes
 * the plain-SQL write wait (asynchronously) for the open transaction to end. Between processes
 * the busy timeout still applies, and there it only waits. Framework-free.
 */
import { resolve } from "node:path";

export type WriteTurn = {
  /** Waits for this process's turn on the file; the answer ends it. */
  acquire(): Promise<() => void>;
  /** Runs `work` (synchronous: a better-sqlite3 transaction) in a turn. */
  run<T>(work: () => T): Promise<T>;
};

const turns = new Map<string, WriteTurn>();

function newTurn(): WriteTurn {
  let tail: Promise<void> = Promise.resolve();
  const acquire = () => {
    let release!: () => void;
    const ended = new Promise<void>((r) => (release = r));
    const ready = tail.then(() => release);
    tail = tail.then(() => ended);
    return ready;
  };
  return {
    acquire,
    async run(work) {
      const release = await acquire();
      try {
        return work();
      } finally {
        release();
      }
    },
  };
}

/** The turn of the SQLite file at `file` (any spelling of the same path shares one). */
export function sqliteWriteTurn(file: string): WriteTurn {
  const key = resolve(file);
  let turn = turns.get(key);
  if (!turn) turns.set(key, (turn = newTurn()));
  return turn;
}
