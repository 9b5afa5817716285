import type { SqlDriver } from "../sql";
import { postgresSyncSql } from "./postgres";
import { sqliteSyncSql } from "./sqlite";
import type { SyncSql } from "./types";

export type { SyncSql, SyncWrite } from "./types";

export function syncSqlFor(driver: SqlDriver): SyncSql {
  return driver.dialect === "postgres" ? postgresSyncSql(driver.pool) : sqliteSyncSql(driver.db);
}
