/**
 * "Come back a day later" for the server: the portal's clock cannot be moved, so the participant's
 * first day is moved back instead. Every time stored on the rows the account, session, link and
 * connection logic read (Participant, their Connections, their AuthSessions, the SignInLinks sent
 * to their address) moves one day earlier, as if all of it had happened yesterday; what the portal
 * then does with them (a link's window, a session's end, a token past its expiry) is its own
 * logic, run at its real "now". Writes directly, like the other e2e helpers (records.ts).
 */
import Database from "better-sqlite3";
import { openE2eDatabase, sqliteTime } from "./database";

export const DAY_MS = 86_400_000;

/** The DATETIME columns of a table (Prisma declares DateTime as DATETIME in SQLite). */
const timeColumns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[]).filter((c) => c.type.toUpperCase() === "DATETIME").map((c) => c.name);

function moveBack(db: Database.Database, table: string, where: string, params: unknown[], byMs: number): number {
  const columns = timeColumns(db, table);
  const rows = db.prepare(`SELECT id, ${columns.map((c) => `"${c}"`).join(", ")} FROM "${table}" WHERE ${where}`).all(...params) as Record<string, unknown>[];
  for (const row of rows) {
    const set = columns.filter((c) => row[c] !== null);
    const values = set.map((c) => sqliteTime(new Date(new Date(row[c] as string | number).getTime() - byMs)));
    if (set.length > 0) db.prepare(`UPDATE "${table}" SET ${set.map((c) => `"${c}" = ?`).join(", ")} WHERE id = ?`).run(...values, row.id);
  }
  return rows.length;
}

/** Moves everything the participant with this email did so far one day into the past; returns their id. */
export function moveParticipantBackADay(email: string): string {
  const db = openE2eDatabase();
  try {
    const byMs = DAY_MS;
    return db.transaction(() => {
      const participant = db.prepare('SELECT id FROM "Participant" WHERE email = ?').get(email.toLowerCase()) as { id: string } | undefined;
      if (!participant) throw new Error(`no participant with the email ${email}`);
      moveBack(db, "Participant", "id = ?", [participant.id], byMs);
      moveBack(db, "Connection", '"participantId" = ?', [participant.id], byMs);
      moveBack(db, "AuthSession", "kind = 'participant' AND \"subjectId\" = ?", [participant.id], byMs);
      moveBack(db, "SignInLink", "email = ?", [email.toLowerCase()], byMs);
      return participant.id;
    })();
  } finally {
    db.close();
  }
}

/** When a participant's connection at a health system began, as stored. */
export function connectedAt(participantId: string, fhirBaseUrl: string): Date {
  const db = openE2eDatabase({ readonly: true });
  try {
    const row = db
      .prepare('SELECT c."connectedAt" AS at FROM "Connection" c JOIN "HealthSystem" h ON h.id = c."healthSystemId" WHERE c."participantId" = ? AND h."fhirBaseUrl" = ?')
      .get(participantId, fhirBaseUrl) as { at: string | number } | undefined;
    if (!row) throw new Error(`no connection of ${participantId} at ${fhirBaseUrl}`);
    return new Date(row.at);
  } finally {
    db.close();
  }
}
