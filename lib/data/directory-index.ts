import "server-only";
import { createHash } from "node:crypto";
import { db } from "../db";
import { join, sql } from "../db/sql-tag";
import { brandTerms, placesFromText } from "../directory/index-terms";
import { trigrams } from "../directory/normalize";
import { BULK_TRANSACTION, chunks, type ImportRun } from "./directory-import";

/**
 * After an import: each brand of the source gets its endpoints (its own portals', else its
 * parent's) and its search terms. A brand is rebuilt only when what it is built from changed
 * (content, parent's name, active endpoints), so a re-import of an unchanged file rewrites
 * nothing. Then the word list and its trigrams are brought up to date. Pages of 1,000 brands.
 */
/** Brands per page; Prisma caps a query's bound values (999 on SQLite), and an IN list is one each. */
const PAGE = 2000;

type Parent = { name: string; refs: string[] };
type Link = { endpointId: string; portalName: string | null; inherited: boolean };

const parseRefs = (text: string) =>
  text
    ? text.split("\n").map((line) => {
        const tab = line.indexOf("\t");
        return { portalName: line.slice(0, tab) || null, key: line.slice(tab + 1) };
      })
    : [];

export async function rebuildSourceIndex(run: ImportRun, onPage?: (done: number) => Promise<void>): Promise<{ rebuilt: number; searchable: number }> {
  const client = await db();
  const endpointRows = await client.directoryEndpoint.findMany({ where: { sourceId: run.sourceId, active: true }, select: { id: true, key: true } });
  const endpointIds = new Map(endpointRows.map((e) => [e.key, e.id]));
  const parents = new Map<string, Parent>();
  for (const b of await client.directoryBrand.findMany({ where: { sourceId: run.sourceId, active: true }, select: { key: true, name: true, endpointRefs: true } })) {
    parents.set(b.key, { name: b.name, refs: parseRefs(b.endpointRefs).map((r) => r.key) });
  }
  let rebuilt = 0;
  let searchable = 0;
  let after = "";
  for (;;) {
    const page = await client.directoryBrand.findMany({
      where: { sourceId: run.sourceId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, name: true, aliases: true, parentKey: true, places: true, endpointRefs: true, active: true, contentHash: true, indexedHash: true },
    });
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const changed: { id: string; parentName: string | null; indexedHash: string; links: Link[]; terms: { term: string; field: string }[]; searchTerms: string }[] = [];
    for (const brand of page) {
      const parent = brand.parentKey ? parents.get(brand.parentKey) : undefined;
      let links: Link[] = parseRefs(brand.endpointRefs).flatMap((r) => {
        const id = endpointIds.get(r.key);
        return id ? [{ endpointId: id, portalName: r.portalName, inherited: false }] : [];
      });
      if (links.length === 0 && parent) links = parent.refs.flatMap((key) => (endpointIds.has(key) ? [{ endpointId: endpointIds.get(key)!, portalName: null, inherited: true }] : []));
      links = links.filter((l, i) => links.findIndex((m) => m.endpointId === l.endpointId) === i);
      const live = brand.active && links.length > 0;
      if (live) searchable += 1;
      const parentName = parent?.name ?? null;
      const indexedHash = createHash("sha256").update(JSON.stringify([brand.contentHash, parentName, live, links])).digest("base64url").slice(0, 32);
      if (indexedHash === brand.indexedHash) continue;
      const terms = live ? brandTerms({ name: brand.name, aliases: brand.aliases ? brand.aliases.split("\n") : [], parentName, places: placesFromText(brand.places) }) : [];
      changed.push({ id: brand.id, parentName, indexedHash, links: live ? links : [], terms, searchTerms: terms.map((t) => `${t.field}:${t.term}`).join(" ") });
    }
    if (changed.length > 0) {
      const ids = changed.map((c) => c.id);
      await client.$transaction(async (tx) => {
        for (const part of chunks(ids, 800)) {
          await tx.directoryBrandEndpoint.deleteMany({ where: { brandId: { in: part } } });
          await tx.directoryTerm.deleteMany({ where: { brandId: { in: part } } });
        }
        // Plain multi-row INSERTs (bound values, under both databases' limits): ~16 terms a brand.
        const links = changed.flatMap((c) => c.links.map((l) => sql`(${c.id}, ${l.endpointId}, ${l.portalName}, ${l.inherited})`));
        for (let i = 0; i < links.length; i += 2000) {
          await tx.$executeRaw(sql`INSERT INTO "DirectoryBrandEndpoint" ("brandId", "endpointId", "portalName", "inherited") VALUES ${join(links.slice(i, i + 2000))}`);
        }
        const terms = changed.flatMap((c) => c.terms.map((t) => sql`(${t.term}, ${c.id}, ${t.field})`));
        for (let i = 0; i < terms.length; i += 3000) {
          await tx.$executeRaw(sql`INSERT INTO "DirectoryTerm" ("term", "brandId", "field") VALUES ${join(terms.slice(i, i + 3000))}`);
        }
        for (let i = 0; i < changed.length; i += 100) {
          const part = changed.slice(i, i + 100);
          await tx.$executeRaw(sql`UPDATE "DirectoryBrand"
            SET "parentName" = CASE "id" ${join(part.map((c) => sql`WHEN ${c.id} THEN ${c.parentName}`), " ")} END,
                "indexedHash" = CASE "id" ${join(part.map((c) => sql`WHEN ${c.id} THEN ${c.indexedHash}`), " ")} END,
                "searchTerms" = CASE "id" ${join(part.map((c) => sql`WHEN ${c.id} THEN ${c.searchTerms}`), " ")} END
            WHERE "id" IN (${join(part.map((c) => c.id))})`);
        }
      }, BULK_TRANSACTION);
      rebuilt += changed.length;
    }
    await onPage?.(rebuilt);
  }
  return { rebuilt, searchable };
}

/**
 * The word list (every indexed word with the number of brands that have it) is rebuilt from the
 * index in one transaction, so a search sees the old list or the new one; trigrams are added for
 * new words and dropped for gone ones. ZIP codes and areas get no trigrams (typos in digits are
 * other ZIP codes).
 */
export async function rebuildWordList(): Promise<{ words: number }> {
  const client = await db();
  await client.$transaction(async (tx) => {
    await tx.directoryWord.deleteMany({});
    await tx.$executeRaw(sql`INSERT INTO "DirectoryWord" ("word", "df", "length")
      SELECT "term", COUNT(DISTINCT "brandId"), LENGTH("term") FROM "DirectoryTerm" GROUP BY "term"`);
    await tx.$executeRaw(sql`DELETE FROM "DirectoryWordGram" WHERE "word" NOT IN (SELECT "word" FROM "DirectoryWord")`);
  }, BULK_TRANSACTION);
  for (;;) {
    const fresh = await client.$queryRaw<{ word: string }[]>(sql`SELECT w."word" AS "word" FROM "DirectoryWord" w
      WHERE NOT EXISTS (SELECT 1 FROM "DirectoryWordGram" g WHERE g."word" = w."word") AND w."word" NOT LIKE 'zip3:%' AND w."length" >= 3
      LIMIT 2000`);
    const wordsWithLetters = fresh.map((f) => f.word).filter((w) => /\p{L}/u.test(w));
    // Words of digits alone are marked with a gram no query asks for, so they are not read again.
    const marks = fresh.filter((f) => !/\p{L}/u.test(f.word)).map((f) => ({ gram: "#", word: f.word }));
    const grams = [...marks, ...wordsWithLetters.flatMap((word) => trigrams(word).map((gram) => ({ gram, word })))];
    if (grams.length) await client.directoryWordGram.createMany({ data: grams });
    if (fresh.length < 2000) break;
  }
  return { words: await client.directoryWord.count() };
}
