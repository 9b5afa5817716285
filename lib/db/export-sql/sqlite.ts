/** The export's read on SQLite: prepared statements, one per shape of filter. */
import type Database from "better-sqlite3";
import { sqliteTime } from "../sql";
import type { ExportSql, ResourcePageQuery, ResourcePageRow } from "./index";

/** One connection's page, along its unique index (connectionId, resourceType, fhirId): lib/db/sync-sql/sqlite-plan.test.ts. */
export function resourcePageSql(since: boolean, types: boolean): string {
  return `SELECT resourceType, fhirId, resourceJson FROM FhirResource
           WHERE connectionId = @connectionId AND (resourceType, fhirId) > (@afterType, @afterId)
             AND removedAt IS NULL AND changedAt <= @until
             ${since ? "AND changedAt > @since" : ""}
             ${types ? "AND resourceType IN (SELECT value FROM json_each(@types))" : ""}
           ORDER BY resourceType, fhirId LIMIT @limit`;
}

export function sqliteExportSql(db: Database.Database): ExportSql {
  const statements = new Map<string, Database.Statement>();
  const statement = (since: boolean, types: boolean) => {
    const key = `${since}${types}`;
    let prepared = statements.get(key);
    if (!prepared) statements.set(key, (prepared = db.prepare(resourcePageSql(since, types))));
    return prepared;
  };
  return {
    async resourcePage(q: ResourcePageQuery) {
      return statement(q.since !== null, q.types !== null).all({
        connectionId: q.connectionId,
        afterType: q.afterType,
        afterId: q.afterId,
        until: sqliteTime(q.until),
        limit: q.limit,
        ...(q.since && { since: sqliteTime(q.since) }),
        ...(q.types && { types: JSON.stringify(q.types) }),
      }) as ResourcePageRow[];
    },
  };
}
