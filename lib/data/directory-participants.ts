import "server-only";
import { db } from "../db";
import { sql } from "../db/sql-tag";
import { foldText } from "../directory/normalize";

/**
 * What participants add to the directory's counters: a search that found nothing, and a
 * "Can't find your health system?" request. Anonymous by design (no participant id, no IP).
 */
export async function recordSearchMiss(query: string): Promise<void> {
  const folded = foldText(query).slice(0, 100);
  if (folded.length < 2) return;
  await (await db()).directorySearchMiss.upsert({ where: { query: folded }, create: { query: folded }, update: { count: { increment: 1 }, lastAt: new Date() } });
}

export async function recordHealthSystemRequest({ name, city }: { name: string; city: string | null }): Promise<void> {
  await (await db()).directoryRequest.create({ data: { name: name.slice(0, 200), city: city?.slice(0, 100) ?? null, normalized: foldText(name).slice(0, 200) } });
}

/** The study's own health systems (added by staff, not activated from the directory), for the choose page. */
export async function listStudyHealthSystems(): Promise<{ id: string; name: string }[]> {
  return (await db()).$queryRaw<{ id: string; name: string }[]>(sql`SELECT h."id", h."name" FROM "HealthSystem" h
    WHERE NOT EXISTS (SELECT 1 FROM "DirectoryEndpoint" e WHERE e."healthSystemId" = h."id") ORDER BY h."name"`);
}
