/**
 * Reads the e2e portal's SQLite database directly, the way an auditor would: to prove what is
 * (and is not) stored. Decrypts with the e2e run's own key to find the real tokens.
 */
import Database from "better-sqlite3";
import { createKeyring, decrypt } from "../../lib/crypto/encryption";
import { E2E } from "./servers";

const file = () => E2E.databaseUrl.replace(/^file:/, "");

export function allRows(): Record<string, unknown>[] {
  const db = new Database(file(), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]);
  } finally {
    db.close();
  }
}

export type StoredConnection = { id: string; patientId: string; status: string; healthSystemId: string; accessToken: string | null; refreshToken: string | null; clientSecret: string | null };

export function connections(): StoredConnection[] {
  const keyring = createKeyring(E2E.encryptionKey);
  const open = (v: unknown) => (typeof v === "string" ? decrypt(keyring, v) : null);
  const db = new Database(file(), { readonly: true });
  try {
    const rows = db.prepare('SELECT * FROM "Connection"').all() as Record<string, unknown>[];
    return rows.map((r) => ({
      id: String(r.id),
      patientId: String(r.patientId),
      status: String(r.status),
      healthSystemId: String(r.healthSystemId),
      accessToken: open(r.accessTokenEnc),
      refreshToken: open(r.refreshTokenEnc),
      clientSecret: open(r.clientSecretEnc),
    }));
  } finally {
    db.close();
  }
}

export function healthSystemSecrets(): string[] {
  const keyring = createKeyring(E2E.encryptionKey);
  const db = new Database(file(), { readonly: true });
  try {
    const rows = db.prepare('SELECT clientSecretEnc FROM "HealthSystem" WHERE clientSecretEnc IS NOT NULL').all() as { clientSecretEnc: string }[];
    return rows.map((r) => decrypt(keyring, r.clientSecretEnc));
  } finally {
    db.close();
  }
}
