/**
 * Key rotation: re-encrypts every stored secret under the keyring's current key, online.
 *
 * - Batches: rows are read `batchSize` at a time (keyset pagination on the primary key), only
 *   those with at least one value under another key id.
 * - Compare-and-swap per row: each update is conditional on the old ciphertexts it replaces
 *   (`updateMany where id = … and field = <old ciphertext>`). A concurrent token refresh that
 *   wrote new tokens in the meantime makes the update match nothing; the row is then read again
 *   and, if a value is still under an old key, retried. A refresh is never overwritten with a
 *   stale token, and `tokenVersion` is left alone so a refresh in flight still wins its own
 *   compare-and-swap (the rotated value decrypts to the same token).
 * - No downtime: the portal decrypts under TOKEN_ENCRYPTION_KEY and every key in
 *   TOKEN_ENCRYPTION_OLD_KEYS, so it reads both the old and the re-encrypted values meanwhile.
 *
 * Takes the database client and keyring as arguments (no `server-only` import), so the script,
 * the data-layer tests and the reliability run share it. To extend it to a new encrypted column,
 * add it to TARGETS.
 */
import type { Db } from "../db/client";
import { keysetPages } from "../db/keyset-pages";
import { decrypt, encrypt, keyIdOf, type Keyring } from "../crypto/encryption";

type Row = Record<string, string | null>;

/** A model with encrypted columns, and how to read and conditionally update its rows. */
type Target = {
  table: string;
  key: string;
  fields: readonly string[];
  findMany(db: Db, args: { where: object; take: number; orderBy: object; select: object }): Promise<Row[]>;
  findOne(db: Db, id: string, select: object): Promise<Row | null>;
  updateMany(db: Db, args: { where: object; data: object }): Promise<{ count: number }>;
  count(db: Db, where: object): Promise<number>;
};

// Prisma's delegates are typed per model; these casts keep one generic loop over them.
/* eslint-disable @typescript-eslint/no-explicit-any */
const target = (table: string, model: keyof Db, key: string, fields: readonly string[]): Target => ({
  table,
  key,
  fields,
  findMany: (db, args) => (db[model] as any).findMany(args),
  findOne: (db, id, select) => (db[model] as any).findUnique({ where: { [key]: id }, select }),
  updateMany: (db, args) => (db[model] as any).updateMany(args),
  count: (db, where) => (db[model] as any).count({ where }),
});
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Every encrypted column in the schema (prisma/models.prisma). */
export const TARGETS: readonly Target[] = [
  target("HealthSystem", "healthSystem", "id", ["clientSecretEnc"]),
  target("Connection", "connection", "id", ["accessTokenEnc", "refreshTokenEnc", "clientSecretEnc"]),
  target("EnrollmentAttempt", "enrollmentAttempt", "id", ["clientSecretEnc"]),
  target("ClientKey", "clientKey", "kid", ["privateJwkEnc"]),
];

export type TableCounts = {
  /** Rows that held at least one value under an older key when read. */
  scanned: number;
  /** Values re-encrypted under the current key. */
  rotated: number;
  /** Rows changed concurrently (e.g. a token refresh) and read again before rotating. */
  conflicts: number;
  /** Values that could not be decrypted (key id not configured, or tampered). */
  failed: number;
};

export type RotationReport = {
  currentKid: string;
  tables: Record<string, TableCounts>;
  /** Values still under another key id after the run (0 when it succeeded). */
  remaining: number;
  /** Key ids found on values that could not be decrypted (not configured, or tampered). */
  undecryptableKids: string[];
};

const MAX_ATTEMPTS_PER_ROW = 5;

function staleWhere(field: string, prefix: string): object {
  // Every sealed value starts with "v1." (lib/crypto/encryption.ts); NULLs never match.
  return { AND: [{ [field]: { startsWith: "v1." } }, { NOT: { [field]: { startsWith: prefix } } }] };
}

/** Counts values under a key id other than the current one, per table. */
export async function countStale(db: Db, keyring: Keyring): Promise<Record<string, number>> {
  const prefix = `v1.${keyring.current.kid}.`;
  const counts: Record<string, number> = {};
  for (const t of TARGETS) {
    let n = 0;
    for (const field of t.fields) n += await t.count(db, staleWhere(field, prefix));
    counts[t.table] = n;
  }
  return counts;
}

/**
 * Re-encrypts every value not under the current key. `onBatch` is called after each batch (for
 * progress output, and for tests that interleave concurrent writes).
 */
export async function rotateKeys(
  db: Db,
  keyring: Keyring,
  options: { batchSize?: number; onBatch?: (table: string, counts: TableCounts) => void | Promise<void> } = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 100;
  const currentKid = keyring.current.kid;
  const prefix = `v1.${currentKid}.`;
  const tables: Record<string, TableCounts> = {};
  const unknown = new Set<string>();
  for (const t of TARGETS) {
    const counts: TableCounts = { scanned: 0, rotated: 0, conflicts: 0, failed: 0 };
    tables[t.table] = counts;
    const select = Object.fromEntries([t.key, ...t.fields].map((f) => [f, true]));
    const stale = { OR: t.fields.map((f) => staleWhere(f, prefix)) };
    const batches = keysetPages(
      batchSize,
      (after) => t.findMany(db, { where: after === null ? stale : { AND: [stale, { [t.key]: { gt: after } }] }, take: batchSize, orderBy: { [t.key]: "asc" }, select }),
      (row) => String(row[t.key]),
    );
    for await (const batch of batches) {
      for (const first of batch) {
        counts.scanned++;
        await rotateRow(db, keyring, t, first, select, counts, unknown);
      }
      await options.onBatch?.(t.table, counts);
    }
  }
  const remaining = Object.values(await countStale(db, keyring)).reduce((a, b) => a + b, 0);
  return { currentKid, tables, remaining, undecryptableKids: [...unknown].sort() };
}

async function rotateRow(db: Db, keyring: Keyring, t: Target, first: Row, select: object, counts: TableCounts, unknown: Set<string>): Promise<void> {
  let row: Row | null = first;
  for (let attempt = 0; row && attempt < MAX_ATTEMPTS_PER_ROW; attempt++) {
    const id = String(row[t.key]);
    const where: Record<string, string> = { [t.key]: id };
    const data: Record<string, string> = {};
    for (const field of t.fields) {
      const sealed = row[field];
      if (typeof sealed !== "string" || keyIdOf(sealed) === keyring.current.kid) continue;
      let plaintext: string;
      try {
        plaintext = decrypt(keyring, sealed);
      } catch {
        if (attempt === 0) counts.failed++;
        unknown.add(keyIdOf(sealed) ?? "?");
        continue;
      }
      where[field] = sealed; // compare-and-swap on the exact old ciphertext
      data[field] = encrypt(keyring, plaintext);
    }
    const fields = Object.keys(data).length;
    if (fields === 0) return;
    const { count } = await t.updateMany(db, { where, data });
    if (count === 1) {
      counts.rotated += fields;
      return;
    }
    // Changed (or deleted) since it was read: read again; a refresh's new value is already current.
    counts.conflicts++;
    row = await t.findOne(db, id, select);
  }
}
