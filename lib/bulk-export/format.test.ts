import { describe, expect, it } from "vitest";
import { danielAdamsDstu2 } from "../fhir/test-fixtures";
import { deletedBundle, outputFileName, tagResource, UnusableResource } from "./format";

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
