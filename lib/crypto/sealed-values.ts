/**
 * Every sealed value stored in a database, found through the one list of encrypted columns, and
 * opened with a keyring: what the leak scans (e2e, reliability) search pages, cookies and logs
 * for, and what they expect never to find stored in plaintext. Framework-free: give it a
 * function that runs a read-only SQL query (better-sqlite3's `prepare(sql).all()` for the e2e
 * and reliability databases).
 */
import { decrypt, keyIdOf, type Keyring, type SealContext } from "./encryption";
import { ENCRYPTED_COLUMNS } from "./encrypted-columns";

export type SealedValue = { at: SealContext; sealed: string };

export function readSealedValues(query: (sql: string) => unknown[]): SealedValue[] {
  return ENCRYPTED_COLUMNS.flatMap(({ table, key, column }) =>
    (query(`SELECT "${key}" AS "rowId", "${column}" AS "sealed" FROM "${table}" WHERE "${column}" IS NOT NULL`) as { rowId: string; sealed: string }[]).map(
      (r) => ({ at: { table, column, rowId: r.rowId } as SealContext, sealed: r.sealed }),
    ),
  );
}

/**
 * The secrets themselves: each value opened where it is stored; a private JWK also gives its
 * private part (`d`) alone, since a leak of the key would show that and not the whole JSON.
 */
export function openSealedValues(query: (sql: string) => unknown[], keyring: Keyring): string[] {
  return readSealedValues(query).flatMap(({ at, sealed }) => {
    const plaintext = decrypt(keyring, sealed, at);
    if (at.table !== "ClientKey") return [plaintext];
    const d = (JSON.parse(plaintext) as { d?: unknown }).d;
    return typeof d === "string" ? [plaintext, d] : [plaintext];
  });
}

/** How many sealed values there are under each key id. */
export function countByKeyId(query: (sql: string) => unknown[]): Record<string, number> {
  const ids: Record<string, number> = {};
  for (const { sealed } of readSealedValues(query)) {
    const kid = keyIdOf(sealed) ?? "?";
    ids[kid] = (ids[kid] ?? 0) + 1;
  }
  return ids;
}
