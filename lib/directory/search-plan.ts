/**
 * The search's plan and scoring, free of any database: which index terms each query word may
 * match (exactly, as a synonym, as a prefix while typing, with a small typo, or as a ZIP code and
 * its area), and how a brand's matches rank. A ZIP code or a city in the query ranks the brands
 * located there first. Framework-free.
 */
import { allowedEdits, editDistance, queryWords, synonymsOf, trigrams, words, zipAreaTerm } from "./normalize";

export type QueryToken = { word: string; isZip: boolean; exact: { term: string; quality: number }[]; prefix: boolean; fuzzyEdits: number };
export type TermMatch = { term: string; quality: number; df: number };
export type Posting = { brandId: string; term: string; field: string };

const FIELD_WEIGHT: Record<string, number> = { n: 1, a: 0.85, p: 0.6, l: 0.9, z: 1, y: 1 };
const PLACE_FIELDS = new Set(["l", "z", "y"]);

export function planQuery(query: string): QueryToken[] {
  const list = queryWords(query);
  return list.map((word, i) => {
    if (/^\d{5}$/.test(word)) return { word, isZip: true, exact: [{ term: word, quality: 1 }, { term: zipAreaTerm(word), quality: 0.5 }], prefix: false, fuzzyEdits: 0 };
    const last = i === list.length - 1;
    return {
      word,
      isZip: false,
      exact: [{ term: word, quality: 1 }, ...synonymsOf(word).map((term) => ({ term, quality: 0.95 }))],
      prefix: word.length >= 3 || (last && word.length >= 2),
      fuzzyEdits: allowedEdits(word.length),
    };
  });
}

/** The next string after every string that starts with `prefix` (for an index range scan). */
export const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1);

export const prefixQuality = (word: string, term: string) => 0.6 + 0.25 * (word.length / term.length);

/** Words found through shared trigrams that really are within the allowed edits. */
export function typoMatches(word: string, candidates: { word: string; df: number }[], maxEdits: number): TermMatch[] {
  const out: TermMatch[] = [];
  for (const c of candidates) {
    const d = editDistance(word, c.word, maxEdits);
    if (d > 0 && d <= maxEdits) out.push({ term: c.word, quality: d === 1 ? 0.7 : 0.55, df: c.df });
  }
  return out;
}

/** Trigrams a word of this length must share with a word within `edits` edits. */
export function minSharedGrams(word: string, edits: number): number {
  return Math.max(1, trigrams(word).length - 3 * edits);
}

export type ScoredBrand = { brandId: string; matched: number; score: number; local: boolean };

/** Ranks brands: more query words matched first, then better matches, then those located there. */
export function scoreBrands(matchesByToken: TermMatch[][], postings: Posting[]): ScoredBrand[] {
  const tokenOf = new Map<string, { token: number; quality: number }[]>();
  matchesByToken.forEach((matches, token) => {
    for (const m of matches) tokenOf.set(m.term, [...(tokenOf.get(m.term) ?? []), { token, quality: m.quality }]);
  });
  const best = new Map<string, { perToken: number[]; local: boolean }>();
  for (const p of postings) {
    const entry = best.get(p.brandId) ?? { perToken: new Array<number>(matchesByToken.length).fill(0), local: false };
    for (const { token, quality } of tokenOf.get(p.term) ?? []) {
      const value = quality * (FIELD_WEIGHT[p.field] ?? 0.5);
      if (value > entry.perToken[token]!) entry.perToken[token] = value;
      if (PLACE_FIELDS.has(p.field)) entry.local = true;
    }
    best.set(p.brandId, entry);
  }
  const scored: ScoredBrand[] = [];
  for (const [brandId, { perToken, local }] of best) {
    const matched = perToken.filter((v) => v > 0).length;
    if (matched === 0) continue;
    scored.push({ brandId, matched, local, score: perToken.reduce((a, b) => a + b, 0) + (local ? 0.5 : 0) });
  }
  return scored.sort((a, b) => b.matched - a.matched || b.score - a.score || (a.brandId < b.brandId ? -1 : 1));
}

/** Does a name match every query word (exactly, by prefix, or with a small typo)? For the study's own few health systems. */
export function nameMatches(name: string, query: string): boolean {
  const tokens = planQuery(query);
  if (tokens.length === 0) return false;
  const all = words(name);
  return tokens.every((t) =>
    all.some((w) => t.exact.some((e) => e.term === w) || (t.prefix && w.startsWith(t.word)) || (t.fuzzyEdits > 0 && editDistance(t.word, w, t.fuzzyEdits) <= t.fuzzyEdits)),
  );
}
