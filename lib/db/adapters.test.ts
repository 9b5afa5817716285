import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SQLITE_MAX_BIND_VALUES } from "./adapters";
import { createDb } from "./client";

describe("the SQLite adapter", () => {
  it("tells Prisma the bundled SQLite's real limit on bound values", () => {
    const db = new Database(":memory:");
    const inList = (n: number) => db.prepare(`SELECT 1 WHERE 1 IN (${Array.from({ length: n }, () => "?").join(",")})`);
    expect(() => inList(SQLITE_MAX_BIND_VALUES).get(...Array.from({ length: SQLITE_MAX_BIND_VALUES }, (_, i) => i))).not.toThrow();
    expect(() => inList(SQLITE_MAX_BIND_VALUES + 1)).toThrow(/too many SQL variables/);
    db.close();
  });
});

describe("Prisma's interactive transactions on SQLite", () => {
  it("wait for another writer instead of failing with 'database is locked' when they read before they write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-begin-"));
    const file = join(dir, "t.db");
    const setup = new Database(file);
    setup.pragma("journal_mode = WAL");
    setup.exec("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO counter VALUES (1, 0);");
    setup.close();
    // Another process holds the write lock for a moment (its own update), as the sync worker does.
    const holder = spawn(process.execPath, ["-e", HOLD_WRITE_LOCK, file], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    const db = createDb(`file:${file}`);
    try {
      await db.$transaction(async (tx) => {
        await tx.$queryRawUnsafe("SELECT n FROM counter WHERE id = 1");
        await tx.$executeRawUnsafe("UPDATE counter SET n = n + 10 WHERE id = 1");
      });
      const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>("SELECT n FROM counter WHERE id = 1");
      expect(Number(row!.n)).toBe(11);
    } finally {
      await db.$disconnect();
      holder.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Takes the write lock, says so on stdout, writes, and commits 300 ms later. */
const HOLD_WRITE_LOCK = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.prepare("BEGIN IMMEDIATE").run();
db.prepare("UPDATE counter SET n = n + 1 WHERE id = 1").run();
process.stdout.write("locked\\n");
setTimeout(() => { db.prepare("COMMIT").run(); db.close(); }, 300);
`;
