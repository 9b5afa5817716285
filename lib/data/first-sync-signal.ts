import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import { resolve } from "node:path";
import { env } from "../env";
import { db } from "../db";
import { providerOf, sqliteFilePath } from "../db/provider";
import { log } from "../log";

/**
 * How a sync worker in another process hears, at once, that a first sync was queued (an enrollment
 * or a reconnect just stored): the portal's callback and the worker are different processes.
 *
 * - PostgreSQL: `queueFirstSync` sends `NOTIFY portal_first_sync` (announceFirstSync); the worker
 *   holds one connection that LISTENs. After a lost connection it listens again (every 5 s) and
 *   calls `onChange` once, as a notification may have been missed meanwhile.
 * - SQLite: the portal's commit is the signal. The worker reads `PRAGMA data_version` on its own
 *   read-only connection every 50 ms (a few microseconds: SQLite compares a counter in the
 *   shared WAL index, no query and no disk read); it changes when any other connection, in any
 *   process, committed. `onChange` is then called, at most once per 50 ms.
 *
 * `onChange` means "something may have been queued": the worker checks (hasFirstSyncWaiting).
 * The worker's 2 s poll stays as a fallback for anything this misses.
 */
export const FIRST_SYNC_CHANNEL = "portal_first_sync";
const SQLITE_CHECK_MS = 50;
const PG_RETRY_MS = 5_000;

export type FirstSyncWatch = { close(): Promise<void> };

/** Called after a first sync is queued. PostgreSQL: tells listening workers; SQLite: nothing to do (they see the commit). */
export async function announceFirstSync(): Promise<void> {
  if (providerOf(env().DATABASE_URL) !== "postgres") return;
  await (await db()).$executeRawUnsafe(`SELECT pg_notify('${FIRST_SYNC_CHANNEL}', '')`);
}

export function watchFirstSyncQueue(onChange: () => void): FirstSyncWatch {
  const url = env().DATABASE_URL;
  return providerOf(url) === "postgres" ? listenPostgres(url, onChange) : watchSqlite(url, onChange);
}

function watchSqlite(url: string, onChange: () => void): FirstSyncWatch {
  const file = resolve(sqliteFilePath(url));
  let reader: Database.Database | null = null;
  let seen = -1;
  let failing = false;
  const check = () => {
    try {
      reader ??= new Database(file, { readonly: true, fileMustExist: true, timeout: 1_000 });
      const version = reader.pragma("data_version", { simple: true }) as number;
      if (seen !== -1 && version !== seen) onChange();
      seen = version;
      failing = false;
    } catch (error) {
      // The file is not there yet, or is busy: try again at the next tick (the 2 s poll covers it
      // meanwhile). Said once until it works again, not 20 times a second.
      if (!failing) log.warn("sync.first_sync_watch_failed", { error: error instanceof Error ? error.message : String(error) });
      failing = true;
      reader?.close();
      reader = null;
    }
  };
  check();
  const timer = setInterval(check, SQLITE_CHECK_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      reader?.close();
      reader = null;
    },
  };
}

function listenPostgres(url: string, onChange: () => void): FirstSyncWatch {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const again = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, PG_RETRY_MS);
    retry.unref();
  };
  const connect = async () => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    next.on("notification", (message) => {
      if (message.channel === FIRST_SYNC_CHANNEL) onChange();
    });
    next.on("error", (error) => {
      log.warn("sync.first_sync_listen_lost", { error: error.message });
      if (client === next) client = null;
      void next.end().catch(() => undefined);
      again();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${FIRST_SYNC_CHANNEL}`);
      if (closed) return void (await next.end());
      client = next;
      onChange(); // a notification may have gone unheard before this LISTEN
    } catch (error) {
      log.warn("sync.first_sync_listen_failed", { error: error instanceof Error ? error.message : String(error) });
      void next.end().catch(() => undefined);
      again();
    }
  };
  const ready = connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await ready;
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
