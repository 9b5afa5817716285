/**
 * Reads the e2e portal's SQLite database directly, the way an auditor would: to prove what is
 * (and is not) stored. Decrypts with the e2e run's own key to find the real tokens.
 */
import Database from "better-sqlite3";
import { createKeyring, decrypt } from "../../lib/crypto/encryption";
import { openSealedValues } from "../../lib/crypto/sealed-values";
import { E2E } from "./servers";

/** A time as the portal writes it in SQLite (lib/db/sql.ts), so comparisons in SQL hold. */
export const sqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** The e2e portal's SQLite file, opened directly (e2e helpers write what a page shows, and read what it stored). */
export const openE2eDatabase = (options: { readonly?: boolean } = {}) => new Database(E2E.databaseUrl.replace(/^file:/, ""), options);

function read<T>(fn: (db: Database.Database) => T): T {
  const db = openE2eDatabase({ readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function allRows(): Record<string, unknown>[] {
  return read((db) => {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]);
  });
}

export type StoredConnection = { id: string; patientId: string; status: string; healthSystemId: string; accessToken: string | null; refreshToken: string | null; clientSecret: string | null };

export function connections(): StoredConnection[] {
  const keyring = createKeyring(E2E.encryptionKey);
  return read((db) => {
    const rows = db.prepare('SELECT * FROM "Connection"').all() as Record<string, unknown>[];
    return rows.map((r) => {
      const rowId = String(r.id);
      const open = (column: "accessTokenEnc" | "refreshTokenEnc" | "clientSecretEnc") =>
        typeof r[column] === "string" ? decrypt(keyring, r[column], { table: "Connection", column, rowId }) : null;
      return {
        id: rowId,
        patientId: String(r.patientId),
        status: String(r.status),
        healthSystemId: String(r.healthSystemId),
        accessToken: open("accessTokenEnc"),
        refreshToken: open("refreshTokenEnc"),
        clientSecret: open("clientSecretEnc"),
      };
    });
  });
}

/** The participant id holding the connection to `patientId` at the health system with this FHIR base, or null. */
/** A patient's stored connection at one health system (the same patient id may be connected at another too). */
export function connectionAt(patientId: string, fhirBaseUrl: string): StoredConnection | undefined {
  const healthSystemId = read((db) => (db.prepare('SELECT id FROM "HealthSystem" WHERE "fhirBaseUrl" = ?').get(fhirBaseUrl) as { id: string } | undefined)?.id);
  return connections().find((c) => c.patientId === patientId && c.healthSystemId === healthSystemId);
}

export function participantOf(patientId: string, fhirBaseUrl: string): string | null {
  return read((db) => {
    const row = db
      .prepare('SELECT c."participantId" AS id FROM "Connection" c JOIN "HealthSystem" h ON h.id = c."healthSystemId" WHERE c."patientId" = ? AND h."fhirBaseUrl" = ?')
      .get(patientId, fhirBaseUrl) as { id: string } | undefined;
    return row?.id ?? null;
  });
}

/**
 * Every secret stored, from every encrypted column (lib/crypto/encrypted-columns.ts): tokens,
 * client secrets of health systems, connections and attempts, and the portal's private key.
 */
export function storedSecrets(): string[] {
  const keyring = createKeyring(E2E.encryptionKey);
  return read((db) => openSealedValues((sql) => db.prepare(sql).all(), keyring));
}

/**
 * The one write: makes a health system's stored token endpoint differ from what its discovery
 * says, as if the EHR had moved, to see that adding it again asks the admin first.
 */
export function moveStoredTokenEndpoint(fhirBaseUrl: string, tokenEndpoint: string): void {
  const db = openE2eDatabase();
  try {
    db.prepare('UPDATE "HealthSystem" SET "tokenEndpoint" = ? WHERE "fhirBaseUrl" = ?').run(tokenEndpoint, fhirBaseUrl);
  } finally {
    db.close();
  }
}

/** What a connection records about whose record it is (issue 13): the question asked, the answer, whom they act for. */
export function whoseRecordOf(connectionId: string): { status: string; question: string | null; answer: string | null; representing: string | null } | undefined {
  return read(
    (db) =>
      db
        .prepare('SELECT status, "whoseRecordQuestion" AS question, "whoseRecordAnswer" AS answer, representing FROM "Connection" WHERE id = ?')
        .get(connectionId) as { status: string; question: string | null; answer: string | null; representing: string | null } | undefined,
  );
}
