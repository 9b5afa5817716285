/**
 * Search by name in any order and by identifiers, through an index: each connection's searchable
 * words are stored one per row (SearchToken), normalised the same way as the words of a search,
 * and a word of the search matches a token that starts with it (a range on the `token` index:
 * `token >= "shaw" AND token < "shax"`, the same SQL and plan on SQLite and PostgreSQL).
 *
 * Normalised: lower case, accents and ligatures folded ("Müller" → "muller", "Æsa" → "aesa"),
 * only a–z and 0–9 kept, so every collation orders tokens the same way. A word with punctuation
 * inside is stored whole and in parts ("O'Brien" → "obrien", "o", "brien"; "smart-1288992" →
 * "smart1288992", "smart", "1288992"), and a search word is joined the same way, so "o'brien",
 * "obrien" and "brien" all find O'Brien.
 */
import { formatIdentifiers } from "../fhir/identifiers";
import { familyName } from "../fhir/names";
import { record, records, texts, text } from "../fhir/text";
import type { HumanName, Patient } from "../fhir/types";

/** Longest token kept (longer words are cut: a prefix of them still matches). */
export const MAX_TOKEN_LENGTH = 40;
/** Most tokens stored per connection and source, and most words used from a search. */
export const MAX_TOKENS = 48;
export const MAX_SEARCH_WORDS = 6;

const FOLD: Readonly<Record<string, string>> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/** Folds a word to a–z and 0–9 ("Zöllner" → "zollner"); "" when nothing is left. */
export function foldWord(word: string): string {
  return word
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? "")
    .replace(/[^a-z0-9]/g, "")
    .slice(0, MAX_TOKEN_LENGTH);
}

/** The tokens of free text: each word whole (joined) and its parts, deduplicated, in order. */
export function tokensOf(values: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    for (const word of value.slice(0, 2_000).split(/[\s,;/]+/)) {
      const whole = foldWord(word);
      if (whole !== "") out.add(whole);
      for (const part of word.split(/[^\p{L}\p{N}]+/u)) {
        const folded = foldWord(part);
        if (folded !== "") out.add(folded);
      }
      if (out.size >= MAX_TOKENS) return [...out].slice(0, MAX_TOKENS);
    }
  }
  return [...out];
}

/**
 * The searchable words of a Patient resource (DSTU2 or R4): every name's given and family parts
 * and text, every identifier value (medical record number and the rest), and the resource id.
 */
export function patientSearchTokens(patient: Patient | null | undefined): string[] {
  const p = record(patient);
  const names = records(p?.name).flatMap((n) => [...texts(n.given), familyName(n as HumanName), text(n.text)]);
  const identifiers = formatIdentifiers(p?.identifier).map((i) => i.value);
  return tokensOf([...names, ...identifiers, text(p?.id, 64)]);
}

/** The stored form of a token list (PatientSnapshot.searchText): sorted, space-separated; unchanged text means unchanged tokens. */
export const tokensText = (tokens: readonly string[]) => [...new Set(tokens)].sort().join(" ");

/**
 * The words of a search, each joined and folded ("Shaw, Amy" → ["shaw", "amy"]), without
 * duplicates or words that another word already implies (a prefix of it), at most MAX_SEARCH_WORDS.
 */
export function searchWords(query: string): string[] {
  const words = [...new Set(query.slice(0, 400).split(/[\s,;/]+/).map(foldWord).filter((w) => w !== ""))];
  return words.filter((w) => !words.some((other) => other !== w && other.startsWith(w))).slice(0, MAX_SEARCH_WORDS);
}

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * The smallest string above every token that starts with `prefix` (in the a–z0–9 alphabet, where
 * digits sort before letters in every collation): "shaw" → "shax", "az" → "b"; null for "zz…".
 */
export function prefixUpperBound(prefix: string): string | null {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === "z") end--;
  if (end === 0) return null;
  const last = prefix[end - 1]!;
  return prefix.slice(0, end - 1) + ALPHABET[ALPHABET.indexOf(last) + 1];
}
