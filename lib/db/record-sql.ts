/**
 * A connection's stored resources for the record page, read on the plain-SQL driver (lib/db/sql):
 * a participant can have thousands, and Prisma's per-row cost (20 ms of CPU for 2,000 rows,
 * against 3.5 here on SQLite) dominated the page. Newest-changed first is not needed: the record
 * sorts by clinical date after reading.
 */
import type { SqlDriver } from "./sql";

export type StoredResourceRow = { id: string; resourceType: string; resourceJson: string };

const SQL = `SELECT id, "resourceType", "resourceJson" FROM "FhirResource" WHERE "connectionId" = $1 AND "removedAt" IS NULL`;

export async function readRecordResources(driver: SqlDriver, connectionId: string): Promise<StoredResourceRow[]> {
  if (driver.dialect === "postgres") return (await driver.pool.query<StoredResourceRow>({ name: "record-resources", text: SQL, values: [connectionId] })).rows;
  return driver.db.prepare(SQL.replace("$1", "?")).all(connectionId) as StoredResourceRow[];
}
