import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./bounded-body";
import { cutPage } from "./bundle-slices";

const entryResourceTexts = (text: string) => cutPage(text).resources;

/** What JSON.parse gives for each entry's resource, to compare the cuts with. */
const parsedResources = (text: string) =>
  ((JSON.parse(text) as { entry: unknown[] }).entry).map((e) => (e !== null && typeof e === "object" && !Array.isArray(e) && "resource" in e ? (e as { resource: unknown }).resource : null));

const cut = (text: string) => entryResourceTexts(text)?.map((t) => (t === null ? null : (JSON.parse(t) as unknown)));

describe("cutPage: each entry's resource as sent", () => {
  it("cuts each entry's resource from a compact page exactly as it was sent", () => {
    const resources = [{ resourceType: "Observation", id: "a", valueQuantity: { value: 1.0, unit: "mg" } }, { resourceType: "Observation", id: "b", note: [{ text: 'say "hi" \\ {[' }] }];
    const text = JSON.stringify({ resourceType: "Bundle", type: "searchset", entry: resources.map((resource) => ({ fullUrl: "x", resource, search: { mode: "match" } })) });
    expect(entryResourceTexts(text)).toEqual(resources.map((r) => JSON.stringify(r)));
  });

  it("keeps the sender's text: spaces, line breaks and numbers as written", () => {
    const text = '{ "entry" : [ { "resource" : {\n  "resourceType": "Patient",\n  "id": "p1", "n": 1.50e2 } , "search": {} } ] }';
    expect(entryResourceTexts(text)).toEqual(['{\n  "resourceType": "Patient",\n  "id": "p1", "n": 1.50e2 }']);
  });

  it("agrees with JSON.parse where a name comes twice or is written with escapes", () => {
    const text = '{"entry":[{"resource":{"id":"first"},"resource":{"id":"second"}}],"entry":[{"r\\u0065source":{"id":"escaped"},"resourceX":{"id":"no"}},{"resource":{"id":"a"},"re\\u0073ource":{"id":"last"}}]}';
    expect(cut(text)).toEqual(parsedResources(text));
    expect(cut(text)).toEqual([{ id: "escaped" }, { id: "last" }]);
  });

  it("gives null for entries that are not objects or have no resource, and for pages without an entry array", () => {
    expect(entryResourceTexts('{"entry":[1,"x",null,[],{},{"fullUrl":"u"},{"resource":null}]}')).toEqual([null, null, null, null, null, null, "null"]);
    expect(entryResourceTexts('{"resourceType":"Bundle","total":0}')).toBeNull();
    expect(entryResourceTexts('{"entry":{"resource":{}}}')).toBeNull();
    expect(entryResourceTexts("[]")).toBeNull();
    expect(entryResourceTexts('{"entry":[]}')).toEqual([]);
  });

  it("matches JSON.parse on 500 random pages with nested look-alikes, escapes and odd spacing", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const strings = ["resource", "entry", 'a "quoted" word', "back\\slash\\", "{[}]", "é ü 漢", "\\u0072esource", ""];
    const value = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.3) return pick<unknown>([pick(strings), 0, -1.5e-3, true, false, null]);
      if (roll < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(strings), value(depth + 1)]));
    };
    const spaced = (json: string) => json.replace(/([,:{}[\]])(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, (m) => pick([m, ` ${m}`, `${m}\n`, `\t${m} `]));
    let spacedPages = 0;
    for (let n = 0; n < 500; n++) {
      const entries = Array.from({ length: Math.floor(random() * 5) }, () => (random() < 0.8 ? { fullUrl: pick(strings), resource: value(0), search: value(2) } : value(1)));
      let text = JSON.stringify({ resourceType: "Bundle", link: [{ relation: "next", url: "u" }], entry: entries });
      if (random() < 0.5) {
        text = spaced(text);
        if (text.includes("\n")) spacedPages++;
      }
      expect(() => JSON.parse(text)).not.toThrow();
      expect(cut(text)).toEqual(parsedResources(text));
      const depth = cutPage(text).depth;
      expect(nestsDeeperThan(text, depth)).toBe(false);
      expect(nestsDeeperThan(text, depth - 1)).toBe(true);
    }
    expect(spacedPages).toBeGreaterThan(100);
  });
});

describe("cutPage: how deep the page nests", () => {
  const depth = (text: string) => cutPage(text).depth;

  it("counts every object and array on the way, the page's own object as 1", () => {
    expect(depth("{}")).toBe(1);
    expect(depth('{"a":[{"b":{}}]}')).toBe(4);
    expect(depth('{"entry":[]}')).toBe(2);
    expect(depth('{"entry":[{"resource":{"x":[[1]]}}]}')).toBe(6);
    expect(depth('{"entry":[[[]]],"link":[]}')).toBe(4);
    expect(depth('{"s":"{[{[{[","n":[1,{"t":"]}"}]}')).toBe(3);
    expect(depth("[[[]]]")).toBe(3);
    expect(depth('"text"')).toBe(0);
  });

  it("sees nesting anywhere in the page: in a resource, beside the entries, in an entry's other members", () => {
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    expect(depth(`{"entry":[{"resource":{"a":${deep(150)}}}]}`)).toBe(154);
    expect(depth(`{"meta":${deep(120)},"entry":[]}`)).toBe(121);
    expect(depth(`{"entry":[{"search":${deep(110)},"resource":{}}]}`)).toBe(113);
    expect(depth(`{"entry":[${deep(105)}]}`)).toBe(107);
    expect(depth(`{"entry":{"x":${deep(130)}}}`)).toBe(132);
  });
});
