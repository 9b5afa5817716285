/**
 * The Bulk Data export's hot read in plain SQL: one connection's stored resources in
 * (resourceType, fhirId) order from a key, along the store's unique index, as row-value keyset
 * pages. Prisma's per-row cost (~30 µs) was most of an export's time; this path reads the same
 * rows at the driver's speed. Framework-free; only lib/data uses it (through lib/db).
 */
import type { SqlDriver } from "../sql";
import { postgresExportSql } from "./postgres";
import { sqliteExportSql } from "./sqlite";

export type ResourcePageQuery = {
  connectionId: string;
  /** Resume after this key ("" and "" from the start). */
  afterType: string;
  afterId: string;
  /** Only resources changed at or before this time, and after `since` when given. */
  until: Date;
  since: Date | null;
  /** Only these resource types (null: every type). */
  types: string[] | null;
  limit: number;
};

export type ResourcePageRow = { resourceType: string; fhirId: string; resourceJson: string };

export interface ExportSql {
  /** Live (not removed) resources of the connection in the window, in key order. */
  resourcePage(query: ResourcePageQuery): Promise<ResourcePageRow[]>;
}

export function exportSqlFor(driver: SqlDriver): ExportSql {
  return driver.dialect === "postgres" ? postgresExportSql(driver.pool) : sqliteExportSql(driver.db);
}
