import { describe, expect, it } from "vitest";
import { danielAdamsDstu2 } from "../fhir/test-fixtures";
import { recordResource } from "../fhir/record-fixtures";
import { deletedBundle, outputFileName, tagByParsing, tagBySplicing, tagResource, UnusableResource } from "./format";

const TAGS = [
  { system: "https://portal.example/api/fhir/CodeSystem/participant-id", code: "cp1" },
  { system: "https://portal.example/api/fhir/CodeSystem/health-system-id", code: "hs1" },
];

describe("tagging a stored resource", () => {
  it("adds the study's tags to meta.tag and changes nothing else (a DSTU2 Patient as S4S sent it)", () => {
    const stored = JSON.stringify(danielAdamsDstu2);
    const line = tagResource(stored, TAGS);
    expect(line).not.toContain("\n");
    const { meta, ...rest } = JSON.parse(line);
    const { meta: storedMeta, ...storedRest } = danielAdamsDstu2;
    expect(rest).toEqual(storedRest);
    expect(meta).toEqual({ ...storedMeta, tag: TAGS });
  });

  it("keeps other tags, replaces forged ones under the study's systems, and copes with a missing or odd meta", () => {
    const forged = { resourceType: "Observation", id: "o", meta: { tag: [{ system: TAGS[0]!.system, code: "someone-else" }, { system: "x", code: "y" }, "junk"] } };
    expect(JSON.parse(tagResource(JSON.stringify(forged), TAGS)).meta.tag).toEqual([{ system: "x", code: "y" }, "junk", ...TAGS]);
    expect(JSON.parse(tagResource('{"resourceType":"Condition","id":"c"}', TAGS)).meta).toEqual({ tag: TAGS });
    expect(JSON.parse(tagResource('{"resourceType":"Condition","id":"c","meta":"text"}', TAGS)).meta).toEqual({ tag: TAGS });
    expect(JSON.parse(tagResource('{"resourceType":"Condition","id":"c","meta":{"tag":"no"}}', TAGS)).meta).toEqual({ tag: TAGS });
    const hostile = { resourceType: "Observation", id: "h", valueString: "</script>\u2028\n\"quoted\"" };
    expect(JSON.parse(tagResource(JSON.stringify(hostile), TAGS)).valueString).toBe(hostile.valueString);
  });

  it.each(["not json", "[1,2]", "null", '"text"', '{"id":"no-type"}'])("refuses %j as unusable", (json) =>
    expect(() => tagResource(json, TAGS)).toThrow(UnusableResource),
  );
});

describe("file names and deletions", () => {
  it.each([
    ["Observation", "4.0.1", "Observation.ndjson"],
    ["MedicationOrder", "1.0.2", "MedicationOrder.dstu2.ndjson"],
    ["Observation", "3.0.2", "Observation.stu3.ndjson"],
    ["Observation", null, "Observation.unknown-version.ndjson"],
    ["Observation", "9.9/../x", "Observation.v9.9...ndjson"],
  ])("%s from a %s server → %s", (type, version, name) => expect(outputFileName(type, version)).toBe(name));

  it("writes a transaction Bundle of DELETE entries", () => {
    const bundle = JSON.parse(deletedBundle([{ resourceType: "Observation", fhirId: "o1" }], TAGS, new Date("2026-01-01T00:00:00Z")));
    expect(bundle).toEqual({
      resourceType: "Bundle",
      type: "transaction",
      meta: { lastUpdated: "2026-01-01T00:00:00.000Z", tag: TAGS },
      entry: [{ request: { method: "DELETE", url: "Observation/o1" } }],
    });
  });
});

describe("tagging by splicing the text", () => {
  /** When the fast way answers, it gives what parsing gives; `required`: it must answer. */
  const same = (json: string, required = true) => {
    const fast = tagBySplicing(json, TAGS);
    if (required) expect(fast).not.toBeNull();
    if (fast === null) return false;
    expect(JSON.parse(fast)).toEqual(JSON.parse(tagByParsing(json, TAGS)));
    expect(fast).not.toContain("\n");
    return true;
  };

  it("gives the same resource as parsing, for every fixture shape (no meta, meta without tag, meta with tags)", () => {
    for (const version of ["4.0.1", "1.0.2"]) for (let n = 0; n < 30; n++) same(JSON.stringify(recordResource(version, "p1", n)));
    same(JSON.stringify(danielAdamsDstu2));
    same('{"resourceType":"Observation","id":"o"}');
    same('{"resourceType":"Observation","meta":{}}');
    same(' { "resourceType" : "Observation" , "meta" : { "versionId" : "1" } } ');
    same('{"resourceType":"Observation","meta":{"tag":[{"system":"x","code":"y"},{"system":"https://portal.example/api/fhir/CodeSystem/participant-id","code":"forged"}]}}');
    same('{"resourceType":"Observation","valueString":"a \\"quoted\\" \\\\ é } ] { [ , : \\"meta\\"","meta":{"tag":[]},"n":[1,-2.5e3,true,false,null,{"a":[]}]}', false);
    same('{"n":[1,-2.5e3,true,false,null,{"a":[]}],"valueString":"} ] { [ , :","resourceType":"Observation","meta":{"tag":[]}}');
    same('{"resourceType":"Observation","code":{"text":"meta"}}');
    same('{"resourceType":"Observation","note":[{"text":"meta"}],"x":{"meta":{"tag":"nested meta is not ours"}}}');
    same('{"resourceType":"Observation","meta":{"versionId":"1"},"contained":[{"resourceType":"Medication","meta":{}}]}', false);
  });

  it("matches parsing on random resources", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.3) return ["text", 'q"uote\\\\', "ü\u2028", 12.5, -3, true, null, ""][Math.floor(random() * 8)];
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [["meta", "tag", "id", `k${i}`][Math.floor(random() * 4)]!, value(depth + 1)]));
    };
    let answered = 0;
    for (let i = 0; i < 500; i++) {
      const resource: Record<string, unknown> = { resourceType: "Observation", id: `o${i}`, body: value(0) };
      if (random() < 0.7) resource.meta = random() < 0.5 ? { versionId: "1" } : { tag: [{ system: TAGS[0]!.system, code: "x" }, value(2)] };
      if (same(JSON.stringify(resource), false)) answered++;
    }
    expect(answered).toBeGreaterThan(250);
  });

  it.each([
    ['{"resourceType":"Observation"}\n', "a newline (pretty-printed)"],
    ['{"resourceType":"Observation","meta":{},"meta":{"tag":[]}}', "two meta keys"],
    ['{"resourceType":"Observation","meta":{"tag":[],"tag":[]}}', "two tag keys"],
    ['{"resourceType":"Observation","meta":"text"}', "meta that is not an object"],
    ['{"resourceType":"Observation","meta":{"tag":"no"}}', "tag that is not an array"],
    ['{"id":"no-type"}', "no resourceType"],
    ['{"resourceType":"Observation","meta":{"tag":[1,}}', "a meta it cannot read"],
    ['{"resourceType":"Observation","meta":{"versionId":"1"},"contained":[{"resourceType":"Medication","meta":{}}]}', "a contained resource's meta"],
    ['{"resourceType":"Observation","me\\u0074a":{}}', "a \\u escape (a key could be spelled with one)"],
    ['{"resourceType":"Observation","a":1', "no closing brace"],
    ['{"resourceType":"Observation"} trailing', "text after the object"],
    ['[{"resourceType":"Observation"}]', "an array"],
  ])("leaves %j to the full parse (%s)", (json) => {
    expect(tagBySplicing(json, TAGS)).toBeNull();
  });

  it("tags a resource whose meta key is spelled with escapes correctly (through the full parse)", () => {
    const line = tagResource('{"resourceType":"Observation","me\\u0074a":{"tag":[{"system":"' + TAGS[0]!.system + '","code":"forged"}]}}', TAGS);
    expect(JSON.parse(line).meta.tag).toEqual(TAGS);
  });
});
