/**
 * Key rotation: re-encrypts every stored secret under the keyring's current key, in the current
 * format (v2: bound to its table, column and row), online. Values in the first format (v1, bound
 * to the key id alone) are re-sealed as v2 even when their key is already the current one.
 *
 * - Batches: rows are read `batchSize` at a time (keyset pagination on the primary key), only
 *   those with at least one value not yet `v2.<current kid>.`.
 * - Compare-and-swap per row: each update is conditional on the old ciphertexts it replaces
 *   (`updateMany where id = … and field = <old ciphertext>`). A concurrent token refresh that
 *   wrote new tokens in the meantime makes the update match nothing; the row is then read again
 *   and, if a value is still stale, retried. A refresh is never overwritten with a stale token,
 *   and `tokenVersion` is left alone so a refresh in flight still wins its own compare-and-swap
 *   (the rotated value decrypts to the same token).
 * - No downtime: the portal decrypts under TOKEN_ENCRYPTION_KEY and every key in
 *   TOKEN_ENCRYPTION_OLD_KEYS, v1 and v2 alike, so it reads old and re-encrypted values meanwhile.
 *
 * Takes the database client and keyring as arguments, so the script, the data-layer tests and the
 * reliability run share it. The columns come from the one list (lib/crypto/encrypted-columns.ts).
 */
import type { Db } from "../db/client";
import { keysetPages } from "../db/keyset-pages";
import { currentPrefix, decrypt, encrypt, keyIdOf, type Keyring, type SealContext } from "../crypto/encryption";
import { ENCRYPTED_TABLES, type EncryptedTableColumns } from "../crypto/encrypted-columns";

type Row = Record<string, string | null>;

// Prisma's delegates are typed per model; this cast keeps one generic loop over them.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Delegate = {
  findMany(args: { where: object; take: number; orderBy: object; select: object }): Promise<Row[]>;
  findUnique(args: { where: object; select: object }): Promise<Row | null>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  count(args: { where: object }): Promise<number>;
};
const delegate = (db: Db, t: EncryptedTableColumns): Delegate => (db as any)[t.model];
/* eslint-enable @typescript-eslint/no-explicit-any */

export type TableCounts = {
  /** Rows that held at least one value under an older key when read. */
  scanned: number;
  /** Values re-encrypted under the current key, as v2. */
  rotated: number;
  /** Of those, values that were in the first format (v1, bound to the key id alone). */
  upgraded: number;
  /** Rows changed concurrently (e.g. a token refresh) and read again before rotating. */
  conflicts: number;
  /** Values that could not be decrypted (key id not configured, or tampered). */
  failed: number;
};

export type RotationReport = {
  currentKid: string;
  tables: Record<string, TableCounts>;
  /** Values still under another key id, or still v1, after the run (0 when it succeeded). */
  remaining: number;
  /** Key ids found on values that could not be decrypted (not configured, or tampered). */
  undecryptableKids: string[];
};

const MAX_ATTEMPTS_PER_ROW = 5;

/**
 * Not yet sealed as v2 under the current key: NULLs never match (`startsWith: ""` is LIKE '%',
 * which also suits required columns, where Prisma refuses a null filter); anything else does.
 */
function staleWhere(field: string, prefix: string): object {
  return { AND: [{ [field]: { startsWith: "" } }, { NOT: { [field]: { startsWith: prefix } } }] };
}

/** Counts values not yet v2 under the current key, per table. */
export async function countStale(db: Db, keyring: Keyring): Promise<Record<string, number>> {
  const prefix = currentPrefix(keyring.current.kid);
  const counts: Record<string, number> = {};
  for (const t of ENCRYPTED_TABLES) {
    let n = 0;
    for (const field of t.columns) n += await delegate(db, t).count({ where: staleWhere(field, prefix) });
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
  const prefix = currentPrefix(currentKid);
  const tables: Record<string, TableCounts> = {};
  const unknown = new Set<string>();
  for (const t of ENCRYPTED_TABLES) {
    const counts: TableCounts = { scanned: 0, rotated: 0, upgraded: 0, conflicts: 0, failed: 0 };
    tables[t.table] = counts;
    const select = Object.fromEntries([t.key, ...t.columns].map((f) => [f, true]));
    const stale = { OR: t.columns.map((f) => staleWhere(f, prefix)) };
    const batches = keysetPages(
      batchSize,
      (after) => delegate(db, t).findMany({ where: after === null ? stale : { AND: [stale, { [t.key]: { gt: after } }] }, take: batchSize, orderBy: { [t.key]: "asc" }, select }),
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

async function rotateRow(db: Db, keyring: Keyring, t: EncryptedTableColumns, first: Row, select: object, counts: TableCounts, unknown: Set<string>): Promise<void> {
  const prefix = currentPrefix(keyring.current.kid);
  let row: Row | null = first;
  for (let attempt = 0; row && attempt < MAX_ATTEMPTS_PER_ROW; attempt++) {
    const id = String(row[t.key]);
    const where: Record<string, string> = { [t.key]: id };
    const data: Record<string, string> = {};
    for (const field of t.columns) {
      const sealed = row[field];
      if (typeof sealed !== "string" || sealed.startsWith(prefix)) continue;
      const at = { table: t.table, column: field, rowId: id } as SealContext;
      let plaintext: string;
      try {
        plaintext = decrypt(keyring, sealed, at);
      } catch {
        if (attempt === 0) counts.failed++;
        unknown.add(keyIdOf(sealed) ?? "?");
        continue;
      }
      where[field] = sealed; // compare-and-swap on the exact old ciphertext
      data[field] = encrypt(keyring, plaintext, at);
    }
    const fields = Object.keys(data).length;
    if (fields === 0) return;
    const { count } = await delegate(db, t).updateMany({ where, data });
    if (count === 1) {
      counts.rotated += fields;
      counts.upgraded += Object.values(where).filter((v) => v.startsWith("v1.")).length;
      return;
    }
    // Changed (or deleted) since it was read: read again; a refresh's new value is already current.
    counts.conflicts++;
    row = await delegate(db, t).findUnique({ where: { [t.key]: id }, select });
  }
}
