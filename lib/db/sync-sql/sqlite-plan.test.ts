/**
 * Query plans the hot paths rely on. The SQLite claim must walk the primary key from the cursor
 * and stop at the limit: served from the status index instead, each claim read and sorted every
 * connected row, and a pass over n connections cost n²/batch row reads. An export page must read
 * one connection's resources along the unique index, in its order: `changedAt` has no index of its
 * own (every resource write paid for one that no query needed), and the store keeps no index that
 * no query reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { resourcePageSql } from "../export-sql/sqlite";
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

describe("the SQLite export page's query plan", () => {
  it.each([
    [false, false],
    [true, false],
    [true, true],
  ])("reads one connection along the unique index, unsorted (since: %s, types: %s)", (since, types) => {
    const db = migratedInMemory();
    const query = db.prepare(`EXPLAIN QUERY PLAN ${resourcePageSql(since, types)}`);
    const steps = (query.all({ connectionId: "c1", afterType: "", afterId: "", until: "2030", since: "2020", types: "[]", limit: 100 }) as { detail: string }[]).map((s) => s.detail);
    db.close();
    expect(steps.find((s) => s.includes("FhirResource"))).toMatch(/USING INDEX FhirResource_connectionId_resourceType_fhirId_key/);
    expect(steps.some((s) => s.includes("TEMP B-TREE"))).toBe(false);
  });
});

describe("the resource store's indexes", () => {
  it("are only those its queries read: each one costs every resource write", () => {
    const db = migratedInMemory();
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'FhirResource' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    db.close();
    expect(names).toEqual(["FhirResource_connectionId_resourceType_fhirId_key", "FhirResource_connectionId_resourceType_removedAt_idx", "sqlite_autoindex_FhirResource_1"]);
  });
});
