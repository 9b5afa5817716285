import type { SqlDriver } from "../sql";
import { postgresSyncSql } from "./postgres";
import { sqliteSyncSql } from "./sqlite";
import type { SyncSql } from "./types";
import type { RecordSql } from "./record-types";
import { postgresRecordSql } from "./record-postgres";
import { sqliteRecordSql } from "./record-sqlite";

export type { SyncSql, SyncWrite } from "./types";
export type { BatchWritten, RecordBatch, RecordSql, ResourceRow, RowGroup, StateRow, StoredMark, Written } from "./record-types";

export function syncSqlFor(driver: SqlDriver): SyncSql {
  return driver.dialect === "postgres" ? postgresSyncSql(driver.pool) : sqliteSyncSql(driver.db, driver.turn);
}

/** The resource store's writes (FhirResource, RecordTypeState), each checking the connection is still active. */
export function recordSqlFor(driver: SqlDriver): RecordSql {
  return driver.dialect === "postgres" ? postgresRecordSql(driver.pool) : sqliteRecordSql(driver.db, driver.turn);
}
