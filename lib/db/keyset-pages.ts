/**
 * Keyset paging (`key > last`, in key order), so memory stays constant however many rows there
 * are. `page(after)` returns up to `batchSize` rows ordered by key (`after` null: from the start).
 * Framework-free: the exports and key rotation share it.
 */
export async function* keysetPages<Row>(
  batchSize: number,
  page: (after: string | null) => Promise<Row[]>,
  keyOf: (row: Row) => string,
): AsyncGenerator<Row[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield rows;
    after = keyOf(rows[rows.length - 1]!);
    if (rows.length < batchSize) return;
  }
}
