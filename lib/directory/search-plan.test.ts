import { describe, expect, it } from "vitest";
import { editDistance, foldText, queryWords, trigrams } from "./normalize";
import { nameMatches, planQuery, scoreBrands } from "./search-plan";

describe("directory search words", () => {
  it("folds case, accents and punctuation the same at import and query time", () => {
    expect(foldText("St. MARY'S Hôpital – Cañon City")).toBe("st marys hopital canon city");
    expect(queryWords("The University of Wisconsin")).toEqual(["university", "wisconsin"]);
  });

  it("bounds whatever is typed: length, number of words, word length", () => {
    const words = queryWords(`${"x".repeat(10_000)} ${"a b c d e f g h".repeat(50)}`);
    expect(words.length).toBeLessThanOrEqual(6);
    expect(words.every((w) => w.length <= 32)).toBe(true);
    expect(queryWords("%_'\"; DROP TABLE x; --")).toEqual(["drop", "table", "x"]);
    expect(queryWords("👋🏽 ")).toEqual([]);
    expect(queryWords("北京协和医院")).toEqual(["北京协和医院"]);
  });

  it("counts typos as edits, transpositions included", () => {
    expect(editDistance("mayo", "myao", 2)).toBe(1);
    expect(editDistance("madison", "madisn", 2)).toBe(1);
    expect(editDistance("hospital", "hsopitl", 2)).toBe(2);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
    expect(trigrams("mayo")).toEqual(["$ma", "may", "ayo", "yo$"]);
  });

  it("plans a ZIP code as the code and its area, other words with synonyms and prefixes", () => {
    const [zip, saint] = planQuery("53703 saint");
    expect(zip).toMatchObject({ isZip: true, exact: [{ term: "53703", quality: 1 }, { term: "zip3:537", quality: 0.5 }] });
    expect(saint!.exact.map((e) => e.term)).toEqual(["saint", "st"]);
    expect(saint!.prefix).toBe(true);
  });

  it("ranks brands matching more words first, and those located there before others", () => {
    const matches = [[{ term: "mercy", quality: 1, df: 2 }], [{ term: "madison", quality: 1, df: 2 }]];
    const ranked = scoreBrands(matches, [
      { brandId: "named-madison", term: "mercy", field: "n" },
      { brandId: "named-madison", term: "madison", field: "n" },
      { brandId: "in-madison", term: "mercy", field: "n" },
      { brandId: "in-madison", term: "madison", field: "l" },
      { brandId: "only-mercy", term: "mercy", field: "n" },
    ]);
    expect(ranked.map((r) => r.brandId)).toEqual(["in-madison", "named-madison", "only-mercy"]);
  });

  it("matches the study's own health systems by every word, with prefixes and small typos", () => {
    expect(nameMatches("S4S Reference Hospital", "reference hosp")).toBe(true);
    expect(nameMatches("S4S Reference Hospital", "refrence")).toBe(true);
    expect(nameMatches("S4S Reference Hospital", "mayo")).toBe(false);
  });
});
