/**
 * Plain SQL access beside Prisma, for the few hot paths where Prisma's per-query cost dominates
 * (the sync worker claims, stores tokens and saves snapshots thousands of times a minute). The
 * same database and tables as Prisma; only lib/db uses it. Framework-free.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { checkpointInBackground, FALLBACK_CHECKPOINT_PAGES, type SqliteCheckpoints } from "./wal-checkpoints";
import { providerOf, sqliteFilePath } from "./provider";
import { sqliteWriteTurn, type WriteTurn } from "./sqlite-write-turns";

/** SQLite: `turn` runs each write transaction in the process's write turn on the file (lib/db/sqlite-write-turns.ts). */
export type SqlDriver = { dialect: "sqlite"; db: Database.Database; turn: WriteTurn } | { dialect: "postgres"; pool: pg.Pool };

/** PostgreSQL `timestamp(3)` columns hold UTC wall time (as Prisma writes them): read them as UTC. */
const TIMESTAMP_OID = 1114;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * `relaxedCommit` (PostgreSQL): the session's commits do not wait for their WAL flush
 * (synchronous_commit off), as SQLite's synchronous=NORMAL in WAL mode does not fsync at each
 * commit. Only for writes a crash may lose and the next sync redoes (the resource store); never for
 * tokens. Visibility and lock order are unchanged, and WAL is flushed in order, so a durable
 * withdrawal is never followed on recovery by a write it had ordered itself after.
 * `checkpoints` (SQLite): "background" copies the write-ahead log into the file on a thread of its
 * own (./wal-checkpoints.ts); this connection checkpoints only past the safety net.
 */
export function openSqlDriver(databaseUrl: string, options: { relaxedCommit?: boolean; checkpoints?: SqliteCheckpoints } = {}): SqlDriver {
  if (providerOf(databaseUrl) === "postgres") {
    const settings = options.relaxedCommit ? { options: "-c synchronous_commit=off" } : {};
    return { dialect: "postgres", pool: new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000, types: pgTypes, ...settings }) };
  }
  const file = resolve(sqliteFilePath(databaseUrl));
  mkdirSync(dirname(file), { recursive: true });
  // Same settings as the Prisma client's: WAL (readers never wait for the writer), a busy timeout
  // (the portal, the worker and scripts share the file), no fsync per commit beyond the WAL's.
  const db = new Database(file, { timeout: 5_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  if (options.checkpoints === "background") {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
    checkpointInBackground(file);
  }
  return { dialect: "sqlite", db, turn: sqliteWriteTurn(file) };
}

/** How Prisma stores a DateTime in SQLite (text, UTC, millisecond precision): compare and write alike. */
export const sqliteTime = (date: Date): string => date.toISOString().replace("Z", "+00:00");

/** And how it reads back. */
export const fromSqliteTime = (value: string | null): Date | null => (value === null ? null : new Date(value));
