import "server-only";
import { db } from "../db";
import { sql } from "../db/sql-tag";
import { assertRole, type StaffSession } from "../staff/roles";
import { IMPORT_STALE_MS } from "./directory-import";

/** The directory as admins see it: its size, each source's last import, failed activations, and what participants could not find. */
export type DirectoryOverview = {
  brands: { active: number; inactive: number; searchable: number };
  endpoints: { active: number; inactive: number; activated: number };
  sources: { name: string; vendorClient: string | null; lastImport: ImportView | null }[];
  running: ImportView[];
  failures: { endpointId: string; fhirBaseUrl: string; brandName: string | null; reason: string; at: Date; count: number }[];
  misses: { query: string; count: number; lastAt: Date }[];
  requests: { total: number; top: { name: string; count: number }[] };
};
export type ImportView = { id: string; source: string; location: string; status: string; phase: string | null; bytesRead: number; bytesTotal: number | null; entries: number; summary: Record<string, unknown> | null; startedAt: Date; finishedAt: Date | null };

function toView(row: { id: string; location: string; status: string; message: string | null; bytesRead: number; bytesTotal: number | null; entries: number; summaryJson: string | null; startedAt: Date; finishedAt: Date | null; heartbeatAt: Date; source: { name: string } }): ImportView {
  const stale = row.status === "running" && Date.now() - row.heartbeatAt.getTime() > IMPORT_STALE_MS;
  let summary: Record<string, unknown> | null = null;
  try {
    summary = row.summaryJson ? (JSON.parse(row.summaryJson) as Record<string, unknown>) : null;
  } catch {
    summary = null;
  }
  return {
    id: row.id,
    source: row.source.name,
    location: row.location,
    status: stale ? "interrupted" : row.status,
    phase: row.status === "running" ? row.message : (row.message ?? null),
    bytesRead: row.bytesRead,
    bytesTotal: row.bytesTotal,
    entries: row.entries,
    summary,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

const importSelect = { id: true, location: true, status: true, message: true, bytesRead: true, bytesTotal: true, entries: true, summaryJson: true, startedAt: true, finishedAt: true, heartbeatAt: true, source: { select: { name: true } } } as const;

export async function getDirectoryOverview(staff: StaffSession): Promise<DirectoryOverview> {
  assertRole(staff, "admin");
  const client = await db();
  const [brandsActive, brandsInactive, searchableRows, endpointsActive, endpointsInactive, activated, sources, running, failures, misses, requestTotal, requestTop] = await Promise.all([
    client.directoryBrand.count({ where: { active: true } }),
    client.directoryBrand.count({ where: { active: false } }),
    client.$queryRaw<{ n: number | bigint }[]>(sql`SELECT COUNT(DISTINCT "brandId") AS "n" FROM "DirectoryBrandEndpoint"`).then((r) => Number(r[0]?.n ?? 0)),
    client.directoryEndpoint.count({ where: { active: true } }),
    client.directoryEndpoint.count({ where: { active: false } }),
    client.directoryEndpoint.count({ where: { healthSystemId: { not: null } } }),
    client.directorySource.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, clientId: true, clientAuthMethod: true, registrationStrategy: true } }),
    client.directoryImport.findMany({ where: { status: "running" }, orderBy: { startedAt: "desc" }, take: 10, select: importSelect }),
    client.directoryEndpoint.findMany({ where: { activationErrorAt: { not: null } }, orderBy: { activationErrorAt: "desc" }, take: 50, select: { id: true, fhirBaseUrl: true, name: true, activationError: true, activationErrorAt: true, activationFailures: true } }),
    client.directorySearchMiss.findMany({ orderBy: [{ count: "desc" }, { lastAt: "desc" }], take: 20 }),
    client.directoryRequest.count(),
    client.directoryRequest.groupBy({ by: ["normalized"], _count: { _all: true }, orderBy: { _count: { normalized: "desc" } }, take: 20 }),
  ]);
  const lastImports = await Promise.all(sources.map((s) => client.directoryImport.findFirst({ where: { sourceId: s.id }, orderBy: { startedAt: "desc" }, select: importSelect })));
  return {
    brands: { active: brandsActive, inactive: brandsInactive, searchable: searchableRows },
    endpoints: { active: endpointsActive, inactive: endpointsInactive, activated },
    sources: sources.map((s, i) => ({
      name: s.name,
      vendorClient: s.clientId ? `client ${s.clientId} (${s.clientAuthMethod ?? "client_secret_basic"})` : s.registrationStrategy === "per-participant" ? "one registration per participant" : null,
      lastImport: lastImports[i] ? toView(lastImports[i]!) : null,
    })),
    running: running.map(toView),
    failures: failures.map((f) => ({ endpointId: f.id, fhirBaseUrl: f.fhirBaseUrl, brandName: f.name, reason: f.activationError ?? "", at: f.activationErrorAt!, count: f.activationFailures })),
    misses,
    requests: { total: requestTotal, top: requestTop.map((r) => ({ name: r.normalized, count: r._count._all })) },
  };
}

/** One import's progress (for the dashboard while it runs). */
export async function getDirectoryImport(staff: StaffSession, id: string): Promise<ImportView | null> {
  assertRole(staff, "admin");
  const row = await (await db()).directoryImport.findUnique({ where: { id }, select: importSelect });
  return row ? toView(row) : null;
}
