import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { checkpointInBackground, FALLBACK_CHECKPOINT_PAGES, stopBackgroundCheckpoints } from "./wal-checkpoints";
import { waitFor } from "../test-support";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A WAL-mode file whose own connection checkpoints only past the safety net, as the worker's do. */
function writerOnNewFile(): { file: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), "wal-checkpoints-"));
  dirs.push(dir);
  const file = join(dir, "test.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  return { file, db };
}

/** About 2 MB of rows in one commit: 500 pages in the log, none yet in the file. */
function writeTwoMegabytes(db: Database.Database): void {
  const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run("x".repeat(4_000));
  })();
}

describe("checkpoints on a thread of their own", () => {
  it("copy what the writer committed into the database file while the writer does nothing", async () => {
    const { file, db } = writerOnNewFile();
    try {
      writeTwoMegabytes(db);
      expect(statSync(file).size).toBeLessThan(100_000);
      checkpointInBackground(file);
      expect(await waitFor(() => statSync(file).size > 2_000_000, 5_000, 25)).toBe(true);
      // The rows are all there, read through the writer's own connection.
      expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(500);
    } finally {
      await stopBackgroundCheckpoints(file);
      db.close();
    }
  });

  it("stop when asked, and then copy nothing more", async () => {
    const { file, db } = writerOnNewFile();
    try {
      checkpointInBackground(file);
      await stopBackgroundCheckpoints(file);
      writeTwoMegabytes(db);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(statSync(file).size).toBeLessThan(100_000);
    } finally {
      db.close();
    }
  });
});
