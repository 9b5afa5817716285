import "server-only";
import { db } from "../db";
import { join, raw, sql, type Sql } from "../db/sql-tag";
import { placesFromText, type Place } from "../directory/index-terms";
import { foldText, words, zipAreaTerm } from "../directory/normalize";
import { minSharedGrams, planQuery, prefixEnd, prefixQuality, scoreBrands, typoMatches, type QueryToken, type TermMatch } from "../directory/search-plan";
import { trigrams } from "../directory/normalize";

/**
 * Participant search over the provider directory: the same SQL on SQLite and PostgreSQL, over the
 * portal's own index tables (no database extension). A handful of indexed queries whatever the
 * directory's size: words → matching index terms (exact, prefix, typo via trigrams), candidates
 * from the two rarest words, the candidates' rows (each carries its terms), then the top
 * brands' endpoints. Input is bounded and every
 * value is a bound parameter.
 */
export type DirectoryChoice = { endpointId: string; label: string };
export type DirectoryResult = {
  brandId: string;
  name: string;
  parentName: string | null;
  city: string | null;
  state: string | null;
  portalName: string | null;
  logoId: string | null;
  /** The endpoints to connect through: one, or a choice where the brand truly has several. */
  choices: DirectoryChoice[];
};

const CANDIDATES_RAREST = 250;
const CANDIDATES_NEXT = 100;

export async function searchDirectory(query: string, { limit = 10 }: { limit?: number } = {}): Promise<DirectoryResult[]> {
  const tokens = planQuery(query);
  if (tokens.length === 0) return [];
  const matches = await termMatches(tokens);
  const order = matches.map((m, i) => ({ i, df: m.reduce((sum, t) => sum + t.df, 0) })).filter((t) => t.df > 0).sort((a, b) => a.df - b.df);
  if (order.length === 0) return [];
  const client = await db();
  const tiers: Sql[] = [];
  for (const [rank, { i }] of order.slice(0, 2).entries()) {
    const byQuality = [...matches[i]!].sort((a, b) => b.quality - a.quality);
    const strong = byQuality.filter((m) => m.quality >= 0.9).map((m) => m.term);
    const weak = byQuality.filter((m) => m.quality < 0.9).map((m) => m.term);
    const cap = rank === 0 ? CANDIDATES_RAREST : CANDIDATES_NEXT;
    if (strong.length) tiers.push(sql`SELECT * FROM (SELECT "brandId" FROM "DirectoryTerm" WHERE "term" IN (${join(strong)}) LIMIT ${cap}) ${raw(`s${rank}`)}`);
    if (weak.length) tiers.push(sql`SELECT * FROM (SELECT "brandId" FROM "DirectoryTerm" WHERE "term" IN (${join(weak.slice(0, 80))}) LIMIT ${cap}) ${raw(`w${rank}`)}`);
  }
  // Candidates and their rows in one statement: each row carries its terms (searchTerms), so
  // scoring needs no lookup per term. At most CANDIDATES_RAREST + CANDIDATES_NEXT rows.
  const rows = await client.$queryRaw<BrandRow[]>(sql`SELECT "id", "name", "parentName", "city", "state", "portalName", "logoId", "mergeKey", "searchTerms", "places"
    FROM "DirectoryBrand" WHERE "id" IN (SELECT "brandId" FROM (${join(tiers, " UNION ALL ")}) c) AND "active" = TRUE`);
  if (rows.length === 0) return [];
  const wanted = new Set(matches.flat().map((m) => m.term));
  const postings: { brandId: string; term: string; field: string }[] = [];
  for (const row of rows) {
    for (const entry of row.searchTerms.split(" ")) {
      const term = entry.slice(2);
      if (wanted.has(term)) postings.push({ brandId: row.id, term, field: entry[0]! });
    }
  }
  const ranked = scoreBrands(matches, postings).slice(0, limit * 3);
  if (ranked.length === 0) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const placeTerms = new Set(postings.filter((p) => p.field === "l" || p.field === "z" || p.field === "y").map((p) => p.term));
  return cards(ranked.map((r) => withMatchedPlace(byId.get(r.brandId)!, placeTerms)), limit);
}

type BrandRow = { id: string; name: string; parentName: string | null; city: string | null; state: string | null; portalName: string | null; logoId: string | null; mergeKey: string; searchTerms: string; places: string };

/** A brand with several addresses shows the one the query named (its ZIP code or city, else ZIP area), else its first. */
function withMatchedPlace(row: BrandRow, placeTerms: Set<string>): BrandRow {
  if (placeTerms.size === 0 || !row.places.includes("\n")) return row;
  const places = placesFromText(row.places);
  const named = (p: Place) => placeTerms.has(p.postalCode ?? "") || (words(p.city ?? "").length > 0 && words(p.city ?? "").every((w) => placeTerms.has(w)));
  const near = (p: Place) => p.postalCode !== null && placeTerms.has(zipAreaTerm(p.postalCode));
  const place = places.find(named) ?? places.find(near);
  return place ? { ...row, city: place.city, state: place.state } : row;
}

/**
 * Each query word's matching index terms, with how good a match each is and how many brands have
 * it: exact words and synonyms, prefixes, and words within the allowed edits found through shared
 * trigrams (used only for a word with no exact match), all in one statement.
 */
async function termMatches(tokens: QueryToken[]): Promise<TermMatch[][]> {
  const client = await db();
  const exactTerms = [...new Set(tokens.flatMap((t) => t.exact.map((e) => e.term)))];
  const parts: Sql[] = [sql`SELECT -1 AS "t", 0 AS "kind", "word", "df" FROM "DirectoryWord" WHERE "word" IN (${join(exactTerms)})`];
  tokens.forEach((t, i) => {
    const n = raw(String(i));
    if (t.prefix) parts.push(sql`SELECT * FROM (SELECT ${n} AS "t", 1 AS "kind", "word", "df" FROM "DirectoryWord" WHERE "word" > ${t.word} AND "word" < ${prefixEnd(t.word)} ORDER BY "word" LIMIT 25) ${raw(`p${i}`)}`);
    if (t.fuzzyEdits > 0 && !t.isZip) {
      parts.push(sql`SELECT * FROM (SELECT ${n} AS "t", 2 AS "kind", w."word" AS "word", w."df" AS "df" FROM "DirectoryWordGram" g JOIN "DirectoryWord" w ON w."word" = g."word"
        WHERE g."gram" IN (${join(trigrams(t.word))}) AND w."length" >= ${t.word.length - t.fuzzyEdits} AND w."length" <= ${t.word.length + t.fuzzyEdits}
        GROUP BY w."word", w."df" HAVING COUNT(*) >= ${minSharedGrams(t.word, t.fuzzyEdits)} ORDER BY COUNT(*) DESC LIMIT 40) ${raw(`f${i}`)}`);
    }
  });
  const rows = await client.$queryRaw<{ t: number | bigint; kind: number | bigint; word: string; df: number | bigint }[]>(sql`${join(parts, " UNION ALL ")}`);
  const dfOf = new Map<string, number>();
  for (const r of rows) if (Number(r.t) === -1) dfOf.set(r.word, Number(r.df));
  const matches: TermMatch[][] = tokens.map((t) => t.exact.flatMap((e) => (dfOf.has(e.term) ? [{ term: e.term, quality: e.quality, df: dfOf.get(e.term)! }] : [])));
  const add = (i: number, m: TermMatch) => {
    if (!matches[i]!.some((x) => x.term === m.term)) matches[i]!.push(m);
  };
  for (const r of rows) {
    const i = Number(r.t);
    if (i >= 0 && Number(r.kind) === 1) add(i, { term: r.word, quality: prefixQuality(tokens[i]!.word, r.word), df: Number(r.df) });
  }
  tokens.forEach((t, i) => {
    if (t.fuzzyEdits === 0 || matches[i]!.some((m) => m.quality === 1)) return;
    const near = rows.filter((r) => Number(r.t) === i && Number(r.kind) === 2).map((r) => ({ word: r.word, df: Number(r.df) }));
    for (const m of typoMatches(t.word, near, t.fuzzyEdits)) add(i, m);
  });
  return matches;
}

/** The top brands as cards: one per brand (a brand published twice under one identifier is one), with its endpoints. */
async function cards(brands: BrandRow[], limit: number): Promise<DirectoryResult[]> {
  const links = await (await db()).$queryRaw<{ brandId: string; endpointId: string; linkPortal: string | null; fhirBaseUrl: string; fhirVersion: string | null; endpointName: string | null }[]>(
    sql`SELECT l."brandId", l."endpointId", l."portalName" AS "linkPortal", e."fhirBaseUrl", e."fhirVersion", e."name" AS "endpointName"
      FROM "DirectoryBrandEndpoint" l JOIN "DirectoryEndpoint" e ON e."id" = l."endpointId"
     WHERE l."brandId" IN (${join(brands.map((b) => b.id))}) AND e."active" = TRUE`,
  );
  const byId = new Map<string, DirectoryResult & { mergeKey: string; bases: Set<string> }>();
  for (const b of brands) byId.set(b.id, { brandId: b.id, name: b.name, parentName: b.parentName, city: b.city, state: b.state, portalName: b.portalName, logoId: b.logoId, choices: [], mergeKey: b.mergeKey, bases: new Set<string>() });
  for (const r of links) {
    const card = byId.get(r.brandId)!;
    if (card.bases.has(r.fhirBaseUrl)) continue;
    card.bases.add(r.fhirBaseUrl);
    card.choices.push({ endpointId: r.endpointId, label: r.linkPortal ?? r.endpointName ?? (r.fhirVersion ? `FHIR ${r.fhirVersion}` : "Patient portal") });
  }
  const brandIds = brands.map((b) => b.id).filter((id) => byId.get(id)!.choices.length > 0);
  // A brand published by several sources (same identifier and name) is one card with every portal.
  const out: DirectoryResult[] = [];
  const merged = new Map<string, { result: DirectoryResult; bases: Set<string> }>();
  for (const id of brandIds) {
    const card = byId.get(id);
    if (!card) continue;
    const identity = `${card.mergeKey}|${foldText(card.name)}`;
    const { mergeKey: _m, bases, ...result } = card;
    const earlier = merged.get(identity);
    if (earlier) {
      const baseList = [...bases];
      result.choices.forEach((choice, i) => {
        if (!earlier.bases.has(baseList[i]!)) {
          earlier.bases.add(baseList[i]!);
          earlier.result.choices.push(choice);
        }
      });
      continue;
    }
    if (out.length >= limit) continue;
    merged.set(identity, { result, bases });
    out.push(result);
  }
  return out;
}
