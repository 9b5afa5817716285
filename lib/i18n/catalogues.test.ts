import { describe, expect, it } from "vitest";
import { SCOPE_CONSEQUENCES } from "@/lib/smart";
import { MESSAGES } from "@/messages";
import { LOCALES } from "./locales";
import { translatorFor } from "./translate";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses ({name}, {count, plural, …}). */
const argumentsOf = (message: string) => new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]));

const english = flatten(MESSAGES.en as unknown as Tree);

describe("the catalogues", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has every English key, and no other", (locale) => {
    const other = flatten(MESSAGES[locale] as unknown as Tree);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(LOCALES)("%s: no message is empty, and each uses the same arguments as the English one", (locale) => {
    for (const [key, message] of flatten(MESSAGES[locale] as unknown as Tree)) {
      expect(message.trim(), key).not.toBe("");
      expect(argumentsOf(message), key).toEqual(argumentsOf(english.get(key)!));
    }
  });

  it.each(LOCALES)("%s: every message formats without an ICU error", (locale) => {
    const t = translatorFor(locale);
    const values = { count: 2, query: "q", name: "n", study: "s", version: "v", parent: "p", portal: "p", label: "l", healthSystem: "h", types: "t", title: "t" };
    for (const key of english.keys()) {
      // @ts-expect-error -- every key of the catalogue, checked at run time
      const text: string = t(key, values);
      expect(text, key).not.toMatch(/^(common|landing|consent|choose)\./); // use-intl's fallback is the key itself
      expect(text, key).not.toContain("{");
    }
  });

  it("Spanish is really translated (a guard against copying the English)", () => {
    const spanish = flatten(MESSAGES.es as unknown as Tree);
    const same = [...english].filter(([key, text]) => spanish.get(key) === text && /[a-z]{4,}/.test(text));
    expect(same.map(([key]) => key)).toEqual([]);
  });

  it.each(LOCALES)("%s: every consequence of a narrower grant that lib/smart reports has its words", (locale) => {
    const t = translatorFor(locale, "scopeWarnings");
    for (const code of SCOPE_CONSEQUENCES) expect(t(code), code).toMatch(/\S{3,}.*\./);
    expect(Object.keys(MESSAGES[locale].scopeWarnings).sort()).toEqual([...SCOPE_CONSEQUENCES].sort());
  });
});
