import "server-only";
import { createHash } from "node:crypto";
import { db } from "../db";
import type { ImportRun } from "./directory-import";

/** Logos: stored once per content (id = SHA-256 of the bytes), with a record per URL of what fetching it gave. */
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
  const rows = await (await db()).directoryLogoFetch.findMany({ where: { urlHash: { in: hashes } } });
  return new Map(rows.map((r) => [r.urlHash, r]));
}

export async function saveLogoFetch(url: string, outcome: { bytes: Uint8Array; contentType: string } | { error: string }): Promise<string | null> {
  const client = await db();
  const hash = urlHash(url);
  if ("error" in outcome) {
    await client.directoryLogoFetch.upsert({ where: { urlHash: hash }, create: { urlHash: hash, error: outcome.error }, update: { error: outcome.error, logoId: null, fetchedAt: new Date() } });
    return null;
  }
  const id = logoId(outcome.bytes);
  await client.directoryLogo.upsert({ where: { id }, create: { id, contentType: outcome.contentType, bytes: Buffer.from(outcome.bytes) }, update: {} });
  await client.directoryLogoFetch.upsert({ where: { urlHash: hash }, create: { urlHash: hash, logoId: id }, update: { logoId: id, error: null, fetchedAt: new Date() } });
  return id;
}

export async function setBrandLogos(byLogo: Map<string, string[]>): Promise<void> {
  const client = await db();
  for (const [id, brandIds] of byLogo) await client.directoryBrand.updateMany({ where: { id: { in: brandIds } }, data: { logoId: id } });
}

/** A stored logo, for the portal to serve (public: logos are what the brand published). */
export async function getLogo(id: string): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  return (await db()).directoryLogo.findUnique({ where: { id }, select: { contentType: true, bytes: true } });
}
