/**
 * The SQLite claim must walk the primary key from the cursor and stop at the limit. Served from
 * the status index instead, each claim read and sorted every connected row, and a pass over n
 * connections cost n²/batch row reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PICK_DUE } from "./sqlite";

const MIGRATIONS = join(process.cwd(), "prisma/sqlite/migrations");

function migratedInMemory(): Database.Database {
  const db = new Database(":memory:");
  for (const dir of readdirSync(MIGRATIONS).filter((d) => /^\d/.test(d)).sort()) {
    db.exec(readFileSync(join(MIGRATIONS, dir, "migration.sql"), "utf8"));
  }
  return db;
}

describe("the SQLite claim's query plan", () => {
  it("walks Connection by primary key, with no sort of the due rows", () => {
    const db = migratedInMemory();
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${PICK_DUE}`).all({ after: "", dueBefore: "2030", now: "2030", limit: 128 }) as { detail: string }[]).map((s) => s.detail);
    db.close();
    expect(steps.find((s) => s.startsWith("SEARCH c "))).toMatch(/USING INDEX sqlite_autoindex_Connection_1 \(id>\?\)/);
    expect(steps.some((s) => s.includes("TEMP B-TREE"))).toBe(false);
  });
});
