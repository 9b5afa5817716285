/**
 * Words for the provider directory's search, the same at import and at query time: lower case,
 * no accents, no punctuation ("St. Mary's" → "st marys"), small words dropped. Framework-free.
 */

/** Words too common to tell brands apart. */
const STOP_WORDS = new Set(["the", "of", "and", "at", "for", "in", "a", "an", "&"]);

/** Words published in two forms; a query for one also finds the other (quality 0.95). */
const SYNONYMS: Record<string, string[]> = {
  st: ["saint"],
  saint: ["st"],
  mt: ["mount"],
  mount: ["mt"],
  ft: ["fort"],
  fort: ["ft"],
  ctr: ["center"],
  center: ["ctr", "centre"],
  centre: ["center"],
  hosp: ["hospital"],
  med: ["medical"],
  univ: ["university"],
  university: ["univ"],
  childrens: ["children"],
  children: ["childrens"],
};

export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_WORDS = 6;
export const MAX_WORD_CHARS = 32;

/** Lower case, accents removed, apostrophes dropped, anything else not a letter or digit a space. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`ʼ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The distinct indexable words of a text, in order. */
export function words(text: string, limit = 64): string[] {
  const out: string[] = [];
  for (const word of foldText(text).split(" ")) {
    if (word === "" || STOP_WORDS.has(word)) continue;
    const bounded = word.slice(0, MAX_WORD_CHARS);
    if (!out.includes(bounded)) out.push(bounded);
    if (out.length >= limit) break;
  }
  return out;
}

/** A participant's query as words: bounded in length and count, whatever was typed. */
export function queryWords(query: string): string[] {
  return words(query.slice(0, MAX_QUERY_CHARS), MAX_QUERY_WORDS);
}

export const synonymsOf = (word: string): string[] => SYNONYMS[word] ?? [];

/** A US ZIP code as indexed: the five digits of "53703" or "53703-1234", else null. */
export function zip5(value: string | undefined | null): string | null {
  const match = /^\s*(\d{5})(?:-?\d{4})?\s*$/.exec(value ?? "");
  return match ? match[1]! : null;
}

/** The term for a ZIP code's area (its first three digits: one sectional center, nearby towns). */
export const zipAreaTerm = (zip: string) => `zip3:${zip.slice(0, 3)}`;

/** Padded trigrams of a word ("$ma", "may", "ayo", "yo$"): the typo index's keys. */
export function trigrams(word: string): string[] {
  const padded = `$${word}$`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

/** Edits allowed in a word of this length to still count as a small typo. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and adjacent
 * transpositions), giving up above `max` (returns max + 1).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
