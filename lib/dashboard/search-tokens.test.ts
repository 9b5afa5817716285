import { describe, expect, it } from "vitest";
import { danielAdamsDstu2, danielAdamsR4, hostilePatient } from "../fhir/test-fixtures";
import { foldWord, patientSearchTokens, prefixUpperBound, searchWords, tokensOf, tokensText } from "./search-tokens";

const matches = (tokens: string[], query: string) => searchWords(query).every((w) => tokens.some((t) => t.startsWith(w)));

describe("search tokens", () => {
  it.each([
    ["Müller", "muller"],
    ["ZÖLLNER", "zollner"],
    ["Straße", "strasse"],
    ["Ærø", "aero"],
    ["O'Brien", "obrien"],
    ["%_\\", ""],
    ["李", ""],
  ])("foldWord(%j) → %j", (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });

  it("finds a patient by any order of name parts, with or without a comma, and by identifiers", () => {
    const tokens = patientSearchTokens(danielAdamsDstu2);
    for (const query of ["daniel adams", "Adams, Daniel", "ADAMS daniel x", "dan ad", "smart-1288992", "1288992", "smart1288992"]) expect(matches(tokens, query), query).toBe(true);
    for (const query of ["daniel ross", "adamsx", "smith"]) expect(matches(tokens, query), query).toBe(false);
    expect(matches(patientSearchTokens(danielAdamsR4), "Adams, Daniel X.")).toBe(true);
  });

  it("stores hyphenated and apostrophe names whole and in parts", () => {
    const tokens = tokensOf(["O'Brien-Smith"]);
    expect(tokens).toEqual(["obriensmith", "o", "brien", "smith"]);
    for (const q of ["o'brien", "obrien", "brien", "smith", "o'brien-smith"]) expect(matches(tokens, q), q).toBe(true);
  });

  it("bounds hostile input", () => {
    const tokens = patientSearchTokens(hostilePatient);
    expect(tokens.every((t) => /^[a-z0-9]{1,40}$/.test(t))).toBe(true);
    expect(tokensOf(["a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv ww xx yy zz"]).length).toBe(48);
    expect(patientSearchTokens(null)).toEqual([]);
    expect(searchWords("a b c d e f g h")).toHaveLength(6);
    expect(searchWords("%_'\"")).toEqual([]);
  });

  it("drops words another word implies", () => {
    expect(searchWords("sha shaw amy")).toEqual(["shaw", "amy"]);
    expect(tokensText(["b", "a", "b"])).toBe("a b");
  });

  it.each([
    ["shaw", "shax"],
    ["az", "b"],
    ["a9", "aa"],
    ["19", "1a"],
    ["zz", null],
  ])("prefixUpperBound(%j) → %j", (prefix, bound) => {
    expect(prefixUpperBound(prefix)).toBe(bound);
  });
});
