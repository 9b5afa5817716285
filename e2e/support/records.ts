/**
 * Puts a realistic record into the e2e database for a connection, the way the resource store
 * holds one, and sets a connection's columns, as the sync would have (the sync itself is tested
 * elsewhere). Writes directly, like the other e2e helpers that prepare what a page shows.
 */
import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { sampleRecord } from "../../lib/fhir/record/sample-record";
import { openE2eDatabase, sqliteTime } from "./database";

/** The participant and connection ids of a patient id (the newest connection). */
export function connectionOf(patientId: string): { connectionId: string; participantId: string; studyId: string } {
  const db = openE2eDatabase();
  try {
    return db
      .prepare('SELECT c.id AS connectionId, c.participantId, p.studyId FROM "Connection" c JOIN "Participant" p ON p.id = c.participantId WHERE c.patientId = ? ORDER BY c.connectedAt DESC')
      .get(patientId) as { connectionId: string; participantId: string; studyId: string };
  } finally {
    db.close();
  }
}

/** Replaces the connection's stored resources with `resources`, as the store holds them; `then` runs in the same transaction. */
export function replaceStoredResources(connectionId: string, resources: readonly ({ resourceType: string; id: string } & Record<string, unknown>)[], then?: (db: Database.Database, now: string) => void): void {
  const db = openE2eDatabase();
  try {
    const now = sqliteTime(new Date());
    const insert = db.prepare(
      `INSERT INTO "FhirResource" (id, connectionId, resourceType, fhirId, versionId, lastUpdated, contentHash, resourceJson, source, firstSeenAt, lastSeenAt, changedAt)
       VALUES (?, ?, ?, ?, '1', NULL, ?, ?, 'record', ?, ?, ?)`,
    );
    db.transaction(() => {
      db.prepare('DELETE FROM "FhirResource" WHERE connectionId = ?').run(connectionId);
      for (const r of resources) {
        const json = JSON.stringify(r);
        insert.run(randomUUID(), connectionId, r.resourceType, r.id, createHash("sha256").update(json).digest("base64url"), json, now, now, now);
      }
      then?.(db, now);
    })();
  } finally {
    db.close();
  }
}

/** Replaces the connection's stored resources with a sample record of about `size` resources. */
export function storeSampleRecord(connectionId: string, patientId: string, version: "DSTU2" | "R4", size: number): number {
  const resources = sampleRecord(version, patientId, { size });
  replaceStoredResources(connectionId, resources);
  return resources.length;
}

/** Sets a connection's sync facts (last complete sync N days ago, sharing end from the EHR, last error). */
export function setConnectionFacts(connectionId: string, facts: { recordSyncedDaysAgo?: number; sharingEndsInDays?: number; lastError?: string }) {
  const db = openE2eDatabase();
  try {
    const day = 86_400_000;
    if (facts.recordSyncedDaysAgo !== undefined) db.prepare('UPDATE "Connection" SET recordSyncedAt = ?, connectedAt = ? WHERE id = ?').run(sqliteTime(new Date(Date.now() - facts.recordSyncedDaysAgo * day)), sqliteTime(new Date(Date.now() - 60 * day)), connectionId);
    if (facts.sharingEndsInDays !== undefined) db.prepare('UPDATE "Connection" SET approvalExpiresAt = ?, approvalFromEhr = 1 WHERE id = ?').run(sqliteTime(new Date(Date.now() + facts.sharingEndsInDays * day)), connectionId);
    if (facts.lastError !== undefined) db.prepare('UPDATE "Connection" SET lastError = ?, lastErrorAt = ? WHERE id = ?').run(facts.lastError, sqliteTime(new Date()), connectionId);
  } finally {
    db.close();
  }
}

/** Marks the stored Patient as having died (what a DSTU2 or R4 record's deceasedDateTime gives). */
export function setDeceased(connectionId: string, birthDate: string, deceased: string) {
  const db = openE2eDatabase();
  try {
    db.prepare('UPDATE "PatientSnapshot" SET birthDate = ?, deceased = ? WHERE connectionId = ?').run(birthDate, deceased, connectionId);
  } finally {
    db.close();
  }
}
