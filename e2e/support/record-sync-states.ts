/**
 * Writes what the whole-record sync writes as it runs, for the pages that show it: the planned
 * searches of a connection with their states (RecordTypeState), resources held (FhirResource),
 * and when the record was last complete. Direct writes, like the other e2e helpers that prepare
 * what a page shows; the sync itself is tested against the sandbox elsewhere.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { replaceStoredResources } from "./records";
import { E2E } from "./servers";
import { openE2eDatabase, sqliteTime } from "./database";

export type Search = string | { state: string; lastError: string };

/** Sets the connection's planned searches (replacing any), each "pending", "done", "failed", "refused" or "unsupported". */
export function setSearches(connectionId: string, searches: Record<string, Search>) {
  const db = openE2eDatabase();
  try {
    const now = sqliteTime(new Date());
    const insert = db.prepare(
      `INSERT INTO "RecordTypeState" (id, connectionId, searchKey, resourceType, state, lastCompleteAt, lastError, lastErrorAt, refusedCount, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    );
    db.transaction(() => {
      db.prepare('DELETE FROM "RecordTypeState" WHERE connectionId = ?').run(connectionId);
      for (const [key, search] of Object.entries(searches)) {
        const { state, lastError } = typeof search === "string" ? { state: search, lastError: null } : search;
        insert.run(randomUUID(), connectionId, key, key.split(":")[0], state, state === "done" ? now : null, lastError, lastError ? now : null, now);
      }
    })();
  } finally {
    db.close();
  }
}

/** Stores resources as held by the connection (replacing its record), and marks the record complete now. */
export function storeRecord(connectionId: string, resources: readonly ({ resourceType: string; id: string } & Record<string, unknown>)[]) {
  replaceStoredResources(connectionId, resources, (db, now) => db.prepare('UPDATE "Connection" SET recordSyncedAt = ? WHERE id = ?').run(now, connectionId));
}

/** Resources the connection holds (not removed), by type, counted in plain SQL. */
export function heldByType(connectionId: string): Record<string, number> {
  const db = openE2eDatabase();
  try {
    const rows = db.prepare('SELECT resourceType, COUNT(*) AS n FROM "FhirResource" WHERE connectionId = ? AND removedAt IS NULL GROUP BY resourceType').all(connectionId) as { resourceType: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.resourceType, r.n]));
  } finally {
    db.close();
  }
}

/** One real sync pass over every connection (`npm run sync -- --once --all --json`), as an operator runs it. */
export function runSyncOnce(): void {
  const result = spawnSync("npm", ["run", "--silent", "sync", "--", "--once", "--all", "--json"], { env: { ...process.env, ...E2E.portalEnv } as NodeJS.ProcessEnv, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm run sync failed: ${result.stderr || result.stdout}`);
}
