/**
 * The participant table's page when a search is typed, in one plain-SQL statement (and one for
 * the count): the connections that have, for every word of the search, a token in its prefix
 * range (an INTERSECT of range scans on SearchToken(token, connectionId)), filtered, sorted and
 * paged. Prisma writes a relation filter as a correlated EXISTS, which SQLite runs once per
 * connection (over a second at 100,000 participants), and a list of matching ids costs it 25 ms
 * of CPU per thousand; this costs a few milliseconds. The same SQL on both databases but the
 * placeholders and the time format. lib/data/dashboard-participants.ts holds the same filters
 * for Prisma; its tests hold the two together.
 */
import type { Db } from "./client";
import type { DbProvider } from "./provider";
import { sqliteTime } from "./sql";

export type TokenRange = { from: string; to: string | null };

export type SearchPageInput = {
  ranges: readonly TokenRange[];
  status?: string;
  healthSystemId?: string;
  /** The questions' filters (see questionWhere): `cutoff` for stale, `soon` for ending. */
  show?: { kind: "stale"; cutoff: Date } | { kind: "ending"; soon: Date } | { kind: "ending-unknown" };
  sort: "connected" | "name" | "birthDate" | "lastSync" | "lastComplete" | "sharingEnds" | "status";
  dir: "asc" | "desc";
  limit: number;
  offset: number;
};

const SORT_COLUMN: Record<SearchPageInput["sort"], string> = {
  connected: 'c."connectedAt"',
  name: 's."displayName"',
  birthDate: 's."birthDate"',
  lastSync: 'c."lastSyncAt"',
  lastComplete: 'c."recordSyncedAt"',
  sharingEnds: 'c."approvalExpiresAt"',
  status: "c.status",
};
/** Where rows without a value go (as the Prisma path orders them). */
const NULLS: Record<SearchPageInput["sort"], "FIRST" | "LAST"> = {
  connected: "LAST", name: "LAST", birthDate: "LAST", lastSync: "LAST", lastComplete: "FIRST", sharingEnds: "LAST", status: "LAST",
};

export async function searchConnectionPage(client: Db, provider: DbProvider, input: SearchPageInput): Promise<{ ids: string[]; total: number }> {
  if (input.ranges.length === 0) return { ids: [], total: 0 };
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value instanceof Date ? (provider === "postgres" ? value.toISOString() : sqliteTime(value)) : value);
    return provider === "postgres" ? `$${params.length}${value instanceof Date ? "::timestamp" : ""}` : "?";
  };
  const matched = input.ranges
    .map((r) => `SELECT DISTINCT "connectionId" AS id FROM "SearchToken" WHERE "token" >= ${p(r.from)}${r.to === null ? "" : ` AND "token" < ${p(r.to)}`}`)
    .join(" INTERSECT ");
  const where: string[] = [];
  if (input.status) where.push(`c.status = ${p(input.status)}`);
  if (input.healthSystemId) where.push(`c."healthSystemId" = ${p(input.healthSystemId)}`);
  const show = input.show;
  if (show?.kind === "stale") {
    const cutoff = p(show.cutoff);
    where.push(`c.status = 'connected' AND (c."recordSyncedAt" < ${cutoff} OR (c."recordSyncedAt" IS NULL AND c."connectedAt" < ${p(show.cutoff)}))`);
  } else if (show?.kind === "ending") {
    where.push(`c.status = 'connected' AND c."approvalFromEhr" = TRUE AND c."approvalExpiresAt" <= ${p(show.soon)}`);
  } else if (show?.kind === "ending-unknown") {
    where.push(`c.status = 'connected' AND c."approvalFromEhr" = FALSE`);
  }
  const from = `FROM (${matched}) m JOIN "Connection" c ON c.id = m.id LEFT JOIN "PatientSnapshot" s ON s."connectionId" = c.id${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
  const countParams = [...params];
  const dir = input.dir === "asc" ? "ASC" : "DESC";
  const order = `ORDER BY ${SORT_COLUMN[input.sort]} ${dir} NULLS ${NULLS[input.sort]}, c.id ${dir}`;
  const pageSql = `SELECT c.id AS id ${from} ${order} LIMIT ${p(input.limit)} OFFSET ${p(input.offset)}`;
  const [rows, counted] = await Promise.all([
    client.$queryRawUnsafe<{ id: string }[]>(pageSql, ...params),
    client.$queryRawUnsafe<{ n: number | bigint | string }[]>(`SELECT COUNT(*) AS n ${from}`, ...countParams),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(counted[0]?.n ?? 0) };
}
