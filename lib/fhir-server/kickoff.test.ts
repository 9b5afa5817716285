import { describe, expect, it } from "vitest";
import { acceptsFhirJson, parseInstant, parseKickoff } from "./kickoff";

const ASYNC = { prefer: "respond-async", accept: "application/fhir+json" };
const parse = (query: string, headers: Partial<typeof ASYNC> = {}) => parseKickoff(new URLSearchParams(query), { ...ASYNC, ...headers });
const problem = (query: string, headers: Partial<typeof ASYNC> = {}) => {
  const result = parse(query, headers);
  if (result.ok) throw new Error("expected a problem");
  return result.problem;
};

describe("the kick-off request", () => {
  it("reads _type (comma-separated and repeated, deduplicated), _since and the NDJSON format and its aliases", () => {
    expect(parse("_type=Patient,Observation&_type=Observation, Condition")).toEqual({ ok: true, request: { types: ["Patient", "Observation", "Condition"], since: null, ignored: [] } });
    expect(parse("_type=MedicationOrder")).toMatchObject({ ok: true, request: { types: ["MedicationOrder"] } });
    for (const format of ["application/fhir+ndjson", "application/fhir ndjson", "application/ndjson", "ndjson", "NDJSON"]) {
      expect(parse(`_outputFormat=${encodeURIComponent(format)}`).ok).toBe(true);
    }
    expect(parse("_since=2026-01-31T09:30:00Z")).toMatchObject({ ok: true, request: { since: new Date("2026-01-31T09:30:00Z") } });
    expect(parse("")).toEqual({ ok: true, request: { types: null, since: null, ignored: [] } });
  });

  it.each([
    ["_type=Patient,Observaton", "not-supported", /Observaton/],
    ["_type=,,", "invalid", /names no resource type/],
    ["_type=patient", "not-supported", /patient/],
    ["_type=../../etc/passwd", "not-supported", /FHIR does not have/],
    ["_since=yesterday", "invalid", /FHIR instant/],
    ["_since=2026-01-31", "invalid", /FHIR instant/],
    ["_since=2026-01-31T09:30:00", "invalid", /time zone/],
    ["_since=2026-02-30T09:30:00Z", "invalid", /FHIR instant/],
    ["_since=2026-01-31T25:30:00Z", "invalid", /FHIR instant/],
    ["_since=2026-01-01T00:00:00Z&_since=2026-02-01T00:00:00Z", "invalid", /once/],
    ["_outputFormat=text/csv", "not-supported", /text\/csv/],
    ["_outputFormat=application/fhir+json", "not-supported", /application\/fhir\+ndjson/],
    ["_typeFilter=Observation%3Fstatus%3Dfinal", "not-supported", /_typeFilter is not supported/],
    ["_elements=id", "not-supported", /_elements/],
    ["foo=bar", "not-supported", /foo is not known/],
  ])("%s → 400 %s", (query, code, message) => {
    const p = problem(query);
    expect(p).toMatchObject({ status: 400, code });
    expect(p.message).toMatch(message);
  });

  it("needs Prefer: respond-async and an Accept that admits FHIR JSON", () => {
    expect(problem("", { prefer: "" }).message).toMatch(/Prefer: respond-async/);
    expect(problem("", { prefer: "return=representation" }).message).toMatch(/respond-async/);
    expect(problem("", { accept: "text/html" })).toMatchObject({ code: "not-supported" });
    expect(parse("", { prefer: "respond-async, handling=lenient" }).ok).toBe(true);
    expect(acceptsFhirJson(null)).toBe(true);
    expect(acceptsFhirJson("application/json;q=0.9, text/html")).toBe(true);
  });

  it("under Prefer: handling=lenient, ignores what it does not support and says so", () => {
    const result = parse("_type=Patient,Nope&_elements=id", { prefer: "respond-async; handling = lenient" });
    expect(result).toMatchObject({ ok: true, request: { types: ["Patient"] } });
    if (result.ok) {
      expect(result.request.ignored).toHaveLength(2);
      expect(result.request.ignored.join(" ")).toMatch(/_elements.*ignored/);
    }
    // Nothing left to export is still an error.
    expect(problem("_type=Nope", { prefer: "respond-async, handling=lenient" }).message).toMatch(/no resource type/);
  });
});

describe("a FHIR instant", () => {
  it.each([
    ["2026-01-31T09:30:00Z", "2026-01-31T09:30:00.000Z"],
    ["2026-01-31T09:30:00.123+02:00", "2026-01-31T07:30:00.123Z"],
    ["2026-01-31T09:30:00 02:00", "2026-01-31T07:30:00.000Z"],
    ["2024-02-29T00:00:00-05:00", "2024-02-29T05:00:00.000Z"],
  ])("%s is %s", (text, iso) => expect(parseInstant(text)?.toISOString()).toBe(iso));

  it.each(["2025-02-29T00:00:00Z", "2026-1-31T09:30:00Z", "2026-01-31T09:30Z", "2026-01-31 09:30:00Z", "", "x".repeat(1000)])("%s is not one", (text) =>
    expect(parseInstant(text)).toBeNull(),
  );
});
