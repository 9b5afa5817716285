/** The sync hot path on SQLite: better-sqlite3 prepared statements, one transaction per batch of writes. */
import { timeOrderedId } from "../time-ordered-id";
import type Database from "better-sqlite3";
import { fromSqliteTime, sqliteTime } from "../sql";
import type { WriteTurn } from "../sqlite-write-turns";
import { ACTIVE_CONNECTION } from "./record-types";
import { sqliteCommits } from "./sqlite-commits";
import type { ClaimedConnection, ClaimInput, ClaimRelease, SnapshotWrite, SyncSql, SyncWrite, TokenWrite } from "./types";

// The unary + keeps SQLite from serving these terms from an index (its documented way to steer
// the planner), so a claim walks the primary key from the cursor and stops at the limit. With the
// status index, every claim read and sorted all connected rows: 2.7 ms a claim at 10,000
// connections (0.27 ms now), and a pass grew with the square of the table.
const DUE = `+c.status = 'connected' AND (+c.lastSyncAt IS NULL OR +c.lastSyncAt < @dueBefore) AND (+c.leaseUntil IS NULL OR +c.leaseUntil < @now)`;

type ClaimRow = Omit<ClaimedConnection, "accessTokenExpiresAt" | "approvalExpiresAt"> & {
  accessTokenExpiresAt: string | null;
  approvalExpiresAt: string | null;
};

/** The rows a claim takes: the next due connections after the cursor, in id order. */
export const PICK_DUE = `SELECT c.id, c.healthSystemId, c.patientId, c.statusReason AS previousStatusReason, c.tokenVersion,
            c.accessTokenEnc, c.accessTokenExpiresAt, c.refreshTokenEnc, c.approvalExpiresAt,
            c.clientId, c.clientSecretEnc, c.clientAuthMethod, h.fhirBaseUrl, h.fhirVersion, c.grantedScope
       FROM Connection c JOIN HealthSystem h ON h.id = c.healthSystemId
      WHERE c.id > @after AND ${DUE} ORDER BY c.id LIMIT @limit`;

export function sqliteSyncSql(db: Database.Database, turn: WriteTurn): SyncSql {
  const count = db.prepare(`SELECT count(*) AS n FROM Connection c WHERE ${DUE}`).pluck();
  const pick = db.prepare(PICK_DUE);
  const lease = db.prepare(
    `UPDATE Connection SET leaseOwner = @owner, leaseUntil = @leaseUntil, statusReason = @pendingMark, updatedAt = @now
      WHERE id IN (SELECT value FROM json_each(@ids))`,
  );
  const claim = db.transaction((input: ClaimInput): ClaimedConnection[] => {
    const now = sqliteTime(input.now);
    const rows = pick.all({ dueBefore: sqliteTime(input.dueBefore), now, limit: input.limit, after: input.after }) as ClaimRow[];
    if (rows.length === 0) return [];
    lease.run({ owner: input.owner, leaseUntil: sqliteTime(input.leaseUntil), pendingMark: input.pendingMark, now, ids: JSON.stringify(rows.map((r) => r.id)) });
    return rows.map((r) => ({ ...r, accessTokenExpiresAt: fromSqliteTime(r.accessTokenExpiresAt), approvalExpiresAt: fromSqliteTime(r.approvalExpiresAt) }));
  });

  const storeTokens = db.prepare(
    `UPDATE Connection SET accessTokenEnc = @accessTokenEnc, accessTokenExpiresAt = @accessTokenExpiresAt,
            refreshTokenEnc = coalesce(@refreshTokenEnc, refreshTokenEnc), grantedScope = coalesce(@grantedScope, grantedScope),
            approvalExpiresAt = coalesce(@approvalExpiresAt, approvalExpiresAt),
            approvalFromEhr = CASE WHEN @approvalExpiresAt IS NULL THEN approvalFromEhr ELSE 1 END,
            tokenVersion = tokenVersion + 1, statusReason = NULL, lastRefreshAt = @at, lastError = NULL, lastErrorAt = NULL, updatedAt = @at,
            leaseOwner = CASE WHEN @keepLease THEN leaseOwner END, leaseUntil = CASE WHEN @keepLease THEN leaseUntil END
      WHERE id = @id AND tokenVersion = @expectedVersion`,
  );
  const writeTokens = (t: TokenWrite) =>
    storeTokens.run({
      id: t.id,
      expectedVersion: t.expectedVersion,
      accessTokenEnc: t.accessTokenEnc,
      accessTokenExpiresAt: t.accessTokenExpiresAt ? sqliteTime(t.accessTokenExpiresAt) : null,
      refreshTokenEnc: t.refreshTokenEnc,
      grantedScope: t.grantedScope,
      approvalExpiresAt: t.approvalExpiresAt ? sqliteTime(t.approvalExpiresAt) : null,
      keepLease: t.keepLease ? 1 : 0,
      at: sqliteTime(t.at),
    }).changes === 1;

  const upsertSnapshot = db.prepare(
    `INSERT INTO PatientSnapshot (id, connectionId, resourceJson, fhirVersion, displayName, searchText, gender, birthDate, city, state, deceased, fetchedAt)
     VALUES (@id, @connectionId, @resourceJson, @fhirVersion, @displayName, @searchText, @gender, @birthDate, @city, @state, @deceased, @fetchedAt)
     ON CONFLICT (connectionId) DO UPDATE SET resourceJson = excluded.resourceJson, fhirVersion = excluded.fhirVersion,
            displayName = excluded.displayName, searchText = excluded.searchText, gender = excluded.gender,
            birthDate = excluded.birthDate, city = excluded.city, state = excluded.state, deceased = excluded.deceased, fetchedAt = excluded.fetchedAt`,
  );
  const stampSynced = db.prepare(`UPDATE Connection SET lastSyncAt = @fetchedAt, updatedAt = @fetchedAt WHERE id = @connectionId`);
  const storedSearchText = db.prepare(`SELECT searchText FROM PatientSnapshot WHERE connectionId = ?`).pluck();
  const dropRecordTokens = db.prepare(`DELETE FROM SearchToken WHERE connectionId = ? AND source = 'record'`);
  const addToken = db.prepare(`INSERT INTO SearchToken (id, connectionId, token, source) VALUES (?, ?, ?, 'record')`);
  // The withdrawal rule: a snapshot read before a withdrawal is never written after it (the check
  // runs in the batch's IMMEDIATE transaction, so a withdrawal is wholly before or after it).
  const active = db.prepare(ACTIVE_CONNECTION.replace("$1", "?"));
  const writeSnapshot = (s: SnapshotWrite) => {
    if (active.get(s.connectionId) === undefined) return false;
    const fetchedAt = sqliteTime(s.fetchedAt);
    const { connectionId, resourceJson, fhirVersion, displayName, searchText, gender, birthDate, city, state, deceased } = s;
    const previous = storedSearchText.get(connectionId) as string | undefined;
    upsertSnapshot.run({ id: timeOrderedId(), connectionId, resourceJson, fhirVersion, displayName, searchText, gender, birthDate, city, state, deceased, fetchedAt });
    stampSynced.run({ connectionId, fetchedAt });
    if (previous !== searchText) {
      dropRecordTokens.run(connectionId);
      for (const token of searchText.split(" ")) if (token !== "") addToken.run(timeOrderedId(), connectionId, token);
    }
    return true;
  };

  const release = db.prepare(`UPDATE Connection SET leaseOwner = NULL, leaseUntil = @notBefore, updatedAt = @at WHERE id = @id AND leaseOwner = @owner`);
  const releaseClaim = (r: ClaimRelease) => {
    release.run({ id: r.id, owner: r.owner, notBefore: r.notBefore ? sqliteTime(r.notBefore) : null, at: sqliteTime(r.at) });
    return true;
  };

  const writeAll = db.transaction((items: SyncWrite[]) =>
    items.map((w) => (w.kind === "tokens" ? writeTokens(w) : w.kind === "snapshot" ? writeSnapshot(w) : releaseClaim(w))),
  );

  const commits = sqliteCommits(db, turn);
  const renew = db.prepare(`UPDATE Connection SET leaseUntil = @leaseUntil, updatedAt = @now WHERE id = @id AND leaseOwner = @owner AND status = 'connected'`);

  return {
    countDue: async (dueBefore, now) => count.get({ dueBefore: sqliteTime(dueBefore), now: sqliteTime(now) }) as number,
    // BEGIN IMMEDIATE: take the write lock before reading, so two processes cannot pick the same rows.
    claimDue: (input) => turn.run(() => claim.immediate(input)),
    // In the file's group commit, with the resource store's writes of the moment (./sqlite-commits.ts).
    write: (items) => commits.commit(items.length, () => writeAll(items)),
    renew: (id, owner, leaseUntil, now) => turn.run(() => renew.run({ id, owner, leaseUntil: sqliteTime(leaseUntil), now: sqliteTime(now) }).changes === 1),
  };
}
