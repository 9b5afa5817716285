import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SQLITE_MAX_BIND_VALUES } from "./adapters";

describe("the SQLite adapter", () => {
  it("tells Prisma the bundled SQLite's real limit on bound values", () => {
    const db = new Database(":memory:");
    const inList = (n: number) => db.prepare(`SELECT 1 WHERE 1 IN (${Array.from({ length: n }, () => "?").join(",")})`);
    expect(() => inList(SQLITE_MAX_BIND_VALUES).get(...Array.from({ length: SQLITE_MAX_BIND_VALUES }, (_, i) => i))).not.toThrow();
    expect(() => inList(SQLITE_MAX_BIND_VALUES + 1)).toThrow(/too many SQL variables/);
    db.close();
  });
});
