import "server-only";
import { recordAudit } from "./audit-events";
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { join, sql } from "../db/sql-tag";
import type { BrandRecord, DirectoryRecord, EndpointRecord } from "../directory/bundle-entries";
import { placesToText } from "../directory/index-terms";
import { assertDirectoryAdmin, type DirectoryActor } from "./directory-actor";

/**
 * The import's writes, one batch of entries at a time: new entries are created, changed ones
 * updated (and made active again), unchanged ones only stamped as seen by this run. An entry seen
 * twice in one run is counted as a duplicate. Nothing here calls the network.
 */
export type ImportRun = { importId: string; sourceId: string; sourceName: string };
export type BatchCounts = { added: number; updated: number; unchanged: number; duplicates: number };
export type WriteCounts = { brands: BatchCounts; endpoints: BatchCounts };

/** A run that stopped reporting for this long is taken as interrupted (its process died). */
export const IMPORT_STALE_MS = 120_000;

export async function startDirectoryImport(
  actor: DirectoryActor,
  { vendor, location, bytesTotal }: { vendor: string; location: string; bytesTotal: number | null },
): Promise<{ ok: true; run: ImportRun } | { ok: false; message: string }> {
  assertDirectoryAdmin(actor);
  const client = await db();
  const source = await client.directorySource.upsert({ where: { name: vendor }, create: { name: vendor }, update: {}, select: { id: true } });
  const running = await client.directoryImport.findFirst({
    where: { sourceId: source.id, status: "running", heartbeatAt: { gt: new Date(Date.now() - IMPORT_STALE_MS) } },
    select: { id: true },
  });
  if (running) return { ok: false, message: `An import for "${vendor}" is already running. Wait for it to finish.` };
  const row = await client.directoryImport.create({ data: { sourceId: source.id, location: location.slice(0, 500), bytesTotal }, select: { id: true } });
  await recordAudit(actor, "directory.import", { detail: `${vendor}: ${location.slice(0, 300)}` });
  return { ok: true, run: { importId: row.id, sourceId: source.id, sourceName: vendor } };
}

export async function reportImportProgress(importId: string, progress: { bytesRead: number; entries: number; message?: string }): Promise<void> {
  await (await db()).directoryImport.update({
    where: { id: importId },
    data: { bytesRead: progress.bytesRead, entries: progress.entries, heartbeatAt: new Date(), ...(progress.message && { message: progress.message }) },
  });
}

export async function endDirectoryImport(importId: string, outcome: { status: "finished" | "failed"; message: string; summary: object }): Promise<void> {
  await (await db()).directoryImport.update({
    where: { id: importId },
    data: { status: outcome.status, message: outcome.message.slice(0, 1000), summaryJson: JSON.stringify(outcome.summary), finishedAt: new Date(), heartbeatAt: new Date() },
  });
}

/** Prisma bounds a query's values (999 on SQLite): IN lists and multi-row INSERTs go in chunks. */
export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A large batch on a slow disk outlasts Prisma's default 5 s for an interactive transaction. */
export const BULK_TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

const newId = () => randomBytes(12).toString("base64url");
const zero = (): BatchCounts => ({ added: 0, updated: 0, unchanged: 0, duplicates: 0 });

/** Writes one batch (one transaction, no network; a few thousand entries keep the commits few): returns what it added, changed and skipped. */
export async function writeDirectoryBatch(run: ImportRun, records: DirectoryRecord[]): Promise<WriteCounts> {
  const brands = new Map<string, BrandRecord>();
  const endpoints = new Map<string, EndpointRecord>();
  const counts: WriteCounts = { brands: zero(), endpoints: zero() };
  for (const r of records) {
    const map = r.type === "brand" ? brands : endpoints;
    if (map.has(r.key)) counts[r.type === "brand" ? "brands" : "endpoints"].duplicates += 1;
    else (map as Map<string, DirectoryRecord>).set(r.key, r);
  }
  const client = await db();
  await client.$transaction(async (tx) => {
    if (endpoints.size > 0) {
      const existing = [];
      for (const keys of chunks([...endpoints.keys()], 800)) {
        existing.push(...(await tx.directoryEndpoint.findMany({ where: { sourceId: run.sourceId, key: { in: keys } }, select: { id: true, key: true, contentHash: true, lastSeenImportId: true, active: true } })));
      }
      const unchanged: string[] = [];
      for (const row of existing) {
        const record = endpoints.get(row.key)!;
        endpoints.delete(row.key);
        if (row.lastSeenImportId === run.importId) counts.endpoints.duplicates += 1;
        else if (row.contentHash === record.contentHash && row.active) unchanged.push(row.id);
        else {
          counts.endpoints.updated += 1;
          await tx.directoryEndpoint.update({ where: { id: row.id }, data: { ...endpointData(record), active: true, lastSeenImportId: run.importId } });
        }
      }
      counts.endpoints.unchanged += unchanged.length;
      for (const ids of chunks(unchanged, 800)) await tx.directoryEndpoint.updateMany({ where: { id: { in: ids } }, data: { lastSeenImportId: run.importId } });
      counts.endpoints.added += endpoints.size;
      if (endpoints.size) {
        // Plain multi-row INSERTs (bound values): Prisma's createMany cost ~0.5 ms a row here.
        const rows = [...endpoints.values()].map((r) => sql`(${newId()}, ${run.sourceId}, ${r.key}, ${r.fhirBaseUrl}, ${r.name}, ${r.fhirVersion}, ${r.contentHash}, ${run.importId})`);
        for (const part of chunks(rows, 500)) {
          await tx.$executeRaw(sql`INSERT INTO "DirectoryEndpoint" ("id", "sourceId", "key", "fhirBaseUrl", "name", "fhirVersion", "contentHash", "lastSeenImportId") VALUES ${join(part)}`);
        }
      }
    }
    if (brands.size > 0) {
      const existing = [];
      for (const keys of chunks([...brands.keys()], 800)) {
        existing.push(...(await tx.directoryBrand.findMany({ where: { sourceId: run.sourceId, key: { in: keys } }, select: { id: true, key: true, contentHash: true, lastSeenImportId: true, active: true } })));
      }
      const unchanged: string[] = [];
      for (const row of existing) {
        const record = brands.get(row.key)!;
        brands.delete(row.key);
        if (row.lastSeenImportId === run.importId) counts.brands.duplicates += 1;
        else if (row.contentHash === record.contentHash && row.active) unchanged.push(row.id);
        else {
          counts.brands.updated += 1;
          await tx.directoryBrand.update({ where: { id: row.id }, data: { ...brandData(run, record), logoId: null, active: true, lastSeenImportId: run.importId } });
        }
      }
      counts.brands.unchanged += unchanged.length;
      for (const ids of chunks(unchanged, 800)) await tx.directoryBrand.updateMany({ where: { id: { in: ids } }, data: { lastSeenImportId: run.importId } });
      counts.brands.added += brands.size;
      if (brands.size) {
        const rows = [...brands.values()].map((r) => {
          const b = brandData(run, r);
          return sql`(${newId()}, ${run.sourceId}, ${r.key}, ${b.mergeKey}, ${b.name}, ${b.aliases}, ${b.parentKey}, ${b.city}, ${b.state}, ${b.postalCode}, ${b.places}, ${b.website}, ${b.portalName}, ${b.logoUrl}, ${b.endpointRefs}, ${b.contentHash}, ${run.importId})`;
        });
        for (const part of chunks(rows, 400)) {
          await tx.$executeRaw(sql`INSERT INTO "DirectoryBrand" ("id", "sourceId", "key", "mergeKey", "name", "aliases", "parentKey", "city", "state", "postalCode", "places", "website", "portalName", "logoUrl", "endpointRefs", "contentHash", "lastSeenImportId") VALUES ${join(part)}`);
        }
      }
    }
  }, BULK_TRANSACTION);
  return counts;
}

const endpointData = (r: EndpointRecord) => ({ fhirBaseUrl: r.fhirBaseUrl, name: r.name, fhirVersion: r.fhirVersion, contentHash: r.contentHash });

function brandData(run: ImportRun, r: BrandRecord) {
  const first = r.places[0];
  return {
    mergeKey: r.website ? `web:${r.website}` : `${run.sourceId}:${r.key}`,
    name: r.name,
    aliases: r.aliases.join("\n"),
    parentKey: r.parentKey,
    city: first?.city ?? null,
    state: first?.state ?? null,
    postalCode: first?.postalCode ?? null,
    places: placesToText(r.places),
    website: r.website,
    portalName: r.portalName,
    logoUrl: r.logoUrl,
    endpointRefs: r.endpointRefs.map((ref) => `${ref.portalName ?? ""}\t${ref.key}`).join("\n"),
    contentHash: r.contentHash,
  };
}

/**
 * Entries of this source that this run did not see are marked inactive (never deleted: the
 * health systems and connections made through them stay). Only the kinds the file carried: a
 * bundle of brands alone leaves the endpoints of an earlier endpoint bundle as they were.
 */
export async function inactivateVanished(run: ImportRun, kinds: { brands: boolean; endpoints: boolean }): Promise<{ brands: number; endpoints: number }> {
  const client = await db();
  const where = { sourceId: run.sourceId, active: true, lastSeenImportId: { not: run.importId } };
  const brands = kinds.brands ? (await client.directoryBrand.updateMany({ where, data: { active: false } })).count : 0;
  const endpoints = kinds.endpoints ? (await client.directoryEndpoint.updateMany({ where, data: { active: false } })).count : 0;
  return { brands, endpoints };
}
