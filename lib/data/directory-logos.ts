import "server-only";
import { createHash } from "node:crypto";
import { db } from "../db";
import { join, sql } from "../db/sql-tag";
import { chunks, type ImportRun } from "./directory-import";

/** Logos: stored once per content (id = SHA-256 of the bytes), with a record per fetched URL of what it gave. */
export const urlHash = (url: string) => createHash("sha256").update(url).digest("base64url");
export const logoId = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("base64url");

/** Active brands of the run's source that name a logo not yet stored, after `after` by id. */
export async function brandsNeedingLogos(run: ImportRun, after: string, take: number) {
  return (await db()).directoryBrand.findMany({
    where: { sourceId: run.sourceId, active: true, logoId: null, logoUrl: { not: null }, id: { gt: after } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, logoUrl: true },
  });
}

/** What earlier imports learnt about these URLs (by hash): a logo id, or the reason it was refused. */
export async function knownLogoFetches(hashes: string[]): Promise<Map<string, { logoId: string | null; error: string | null; fetchedAt: Date }>> {
  const client = await db();
  const rows = [];
  for (const part of chunks(hashes, 800)) rows.push(...(await client.directoryLogoFetch.findMany({ where: { urlHash: { in: part } } })));
  return new Map(rows.map((r) => [r.urlHash, r]));
}

/** Stores checked logos (each content once). */
export async function saveLogos(logos: { id: string; contentType: string; bytes: Uint8Array }[]): Promise<void> {
  const client = await db();
  for (const part of chunks(logos, 200)) {
    await client.$executeRaw(sql`INSERT INTO "DirectoryLogo" ("id", "contentType", "bytes") VALUES ${join(part.map((l) => sql`(${l.id}, ${l.contentType}, ${Buffer.from(l.bytes)})`))} ON CONFLICT ("id") DO NOTHING`);
  }
}

/** Remembers what fetching a URL gave (a logo, or why it was refused), so the next import does not fetch it again. */
export async function recordLogoFetch(url: string, outcome: { logoId: string } | { error: string }): Promise<void> {
  const hash = urlHash(url);
  const data = "logoId" in outcome ? { logoId: outcome.logoId, error: null } : { logoId: null, error: outcome.error };
  await (await db()).directoryLogoFetch.upsert({ where: { urlHash: hash }, create: { urlHash: hash, ...data }, update: { ...data, fetchedAt: new Date() } });
}

/** Points brands at their stored logo (brand id → logo id). */
export async function setBrandLogos(logoOf: Map<string, string>): Promise<void> {
  const client = await db();
  for (const part of chunks([...logoOf], 150)) {
    await client.$executeRaw(sql`UPDATE "DirectoryBrand" SET "logoId" = CASE "id" ${join(part.map(([brand, logo]) => sql`WHEN ${brand} THEN ${logo}`), " ")} END
      WHERE "id" IN (${join(part.map(([brand]) => brand))})`);
  }
}

/** A stored logo, for the portal to serve (public: a logo is what the brand published). */
export async function getLogo(id: string): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  return (await db()).directoryLogo.findUnique({ where: { id }, select: { contentType: true, bytes: true } });
}
