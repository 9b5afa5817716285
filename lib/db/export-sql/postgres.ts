/** The export's read on PostgreSQL: one statement; absent filters are NULL parameters. */
import type pg from "pg";
import type { ExportSql, ResourcePageQuery, ResourcePageRow } from "./index";

// Timestamps travel as ISO text: `timestamp(3)` keeps the UTC wall time and ignores the "Z".
const PAGE = `SELECT "resourceType", "fhirId", "resourceJson" FROM "FhirResource"
  WHERE "connectionId" = $1 AND ("resourceType", "fhirId") > ($2, $3)
    AND "removedAt" IS NULL AND "changedAt" <= $4::timestamp
    AND ($5::timestamp IS NULL OR "changedAt" > $5::timestamp)
    AND ($6::text[] IS NULL OR "resourceType" = ANY($6::text[]))
  ORDER BY "resourceType", "fhirId" LIMIT $7`;

export function postgresExportSql(pool: pg.Pool): ExportSql {
  return {
    async resourcePage(q: ResourcePageQuery) {
      const result = await pool.query<ResourcePageRow>({
        name: "export-resource-page",
        text: PAGE,
        values: [q.connectionId, q.afterType, q.afterId, q.until.toISOString(), q.since?.toISOString() ?? null, q.types, q.limit],
      });
      return result.rows;
    },
  };
}
