/** Search: the server's page-size limit, `_count` and `_lastUpdated` input, and each profile's parameter rules. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { optionsFromEnv } from "./env";
import { searchParams, S4S_TYPES, V2_TYPES } from "./fhir/types";
import { bearer, debugTokens, registerS4s, registerV2, start, type Registered } from "./test/helpers";

interface Bundle {
  total: number;
  link: { relation: string; url: string }[];
  entry?: { resource: { id: string; meta?: { lastUpdated: string } } }[];
}
interface Outcome {
  resourceType: string;
  issue: { code: string; diagnostics: string }[];
}
interface CapabilityResource {
  type: string;
  interaction: { code: string }[];
  searchParam?: { name: string; type: string; documentation?: string }[];
}

const debugToken = async (sb: RunningSandbox, client: Registered) => (await debugTokens(sb, client)).access_token;

describe("search", () => {
  let sb: RunningSandbox;
  let s4sToken = "";
  let v2Token = "";
  beforeAll(async () => {
    sb = await start({ maxPageSize: 3, recordSize: 0 });
    s4sToken = await debugToken(sb, await registerS4s(sb));
    v2Token = await debugToken(sb, await registerV2(sb));
  });
  afterAll(() => sb.close());

  const s4s = (path: string) => fetch(`${sb.s4sFhirBase}/${path}`, bearer(s4sToken));
  const v2 = (path: string) => fetch(`${sb.v2FhirBase}/${path}`, bearer(v2Token));
  const bundle = async (res: Response) => {
    expect(res.status).toBe(200);
    return (await res.json()) as Bundle;
  };
  const refused = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as Outcome;
    expect(body.resourceType).toBe("OperationOutcome");
    return body.issue[0]!;
  };
  const next = (b: Bundle) => b.link.find((l) => l.relation === "next")?.url;

  it("pages at the server's maximum page size, clamping a larger _count, and follows absolute next links to the end", async () => {
    for (const path of ["Observation", "Observation?_count=500", "Observation?_count=999999999999999999999999"]) {
      const b = await bundle(await s4s(path));
      expect([path, b.entry?.length, b.total]).toEqual([path, 3, 7]);
      expect(next(b)).toContain("_count=3");
    }
    const small = await bundle(await s4s("Observation?_count=2"));
    expect(small.entry).toHaveLength(2);
    const seen: string[] = [];
    for (let url: string | undefined = `${sb.s4sFhirBase}/Observation?patient=smart-1288992`; url; ) {
      expect(url.startsWith(`${sb.s4sFhirBase}/Observation?`)).toBe(true);
      const b: Bundle = await bundle(await fetch(url, bearer(s4sToken)));
      seen.push(...(b.entry ?? []).map((e) => e.resource.id));
      url = next(b);
    }
    expect(new Set(seen).size).toBe(7);
  });

  it("answers _count=0 with the total and no entries, and refuses negative or non-numeric counts", async () => {
    const zero = await bundle(await s4s("Observation?_count=0"));
    expect(zero.total).toBe(7);
    expect(zero.entry ?? []).toHaveLength(0);
    expect(next(zero)).toBeUndefined();
    for (const value of ["-1", "1.5", "ten", "", "1e3"]) {
      const issue = await refused(await s4s(`Observation?_count=${value}`), 400);
      expect(issue.diagnostics).toContain("_count must be a whole number");
    }
    await refused(await v2("Observation?category=laboratory&_count=-5"), 400);
  });

  it("filters by _lastUpdated with gt, ge, lt and le, repeated, at any precision", async () => {
    const at = "2018-02-21T15:01:44.340Z"; // Daniel Adams' resources were all last updated then
    const cases: [string, number][] = [
      [`gt${at}`, 0], [`ge${at}`, 7], [`lt${at}`, 0], [`le${at}`, 7], ["gt2018-02-21T15:01:44Z", 0], ["ge2018-02-21T15:01:44Z", 7],
      ["gt2018-02-21T15:01Z", 0], ["gt2018-02-21T15:00Z", 7], ["eq2018-02", 7], ["2018", 7], ["gt2017-12-31", 7],
      ["gt2018-02-21T09:01:44.339-06:00", 7], ["ge2018-02-21T15:01:44.341Z", 0], ["gt2018-02-21T15:01:44", 0],
    ];
    for (const [value, total] of cases) {
      const b = await bundle(await s4s(`Observation?_lastUpdated=${encodeURIComponent(value)}`));
      expect([value, b.total]).toEqual([value, total]);
    }
    // An unencoded `+` arrives as a space: taken back as the time zone's sign.
    expect((await bundle(await s4s("Observation?_lastUpdated=gt2018-02-21T16:01:44.339+01:00"))).total).toBe(7);
    expect((await bundle(await s4s("Observation?_lastUpdated=gt2018-01-01&_lastUpdated=lt2018-03-01"))).total).toBe(7);
    expect((await bundle(await s4s("Observation?_lastUpdated=gt2018-01-01&_lastUpdated=lt2018-02-01"))).total).toBe(0);
  });

  it("refuses _lastUpdated values that are not dates with a supported prefix", async () => {
    const bad = ["yesterday", "", "gt", "ne2018-01-01", "ap2018-01-01", "gt2018-13-01", "gt2018-02-30", "gt2018-1-1", "gt2018-01-01T25:00Z", "gt2018-01-01T10Z", "gt2018-01-01T10:00:00+0100", "gt18-01-01"];
    for (const value of bad) {
      const issue = await refused(await s4s(`Observation?_lastUpdated=${encodeURIComponent(value)}`), 400);
      expect(issue.diagnostics).toContain("is not a date with an eq, gt, ge, lt or le prefix");
    }
  });

  it("under smart-v2, requires a category on Observation searches, as Epic does (not under s4s)", async () => {
    const issue = await refused(await v2("Observation?patient=smart-1288992"), 400);
    expect(issue).toEqual({ severity: "error", code: "required", diagnostics: "category is required for Observation searches" });
    expect((await bundle(await v2("Observation?category=vital-signs"))).total).toBe(3);
    expect((await bundle(await v2("Observation?category=vital-signs,laboratory"))).total).toBe(6);
    // Repeated, every value must hold (FHIR's AND): no Observation is both.
    expect((await bundle(await v2("Observation?category=vital-signs&category=laboratory"))).total).toBe(0);
    expect((await bundle(await v2("Observation?category=vital-signs&category=vital-signs,laboratory"))).total).toBe(3);
    expect((await bundle(await v2("Observation?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory"))).total).toBe(3);
    expect((await bundle(await v2("Observation?_id=smart-1288992-weight"))).total).toBe(1);
    expect((await bundle(await s4s("Observation"))).total).toBe(7);
  });

  it("under smart-v2, answers 400 for a parameter the type does not declare; under s4s, 403 outside the proxy's list", async () => {
    const cases = [
      "DocumentReference?_lastUpdated=gt2018-01-01", "Coverage?_lastUpdated=gt2018-01-01", "Patient?patient=smart-1288992",
      "Observation?category=laboratory&_security=x", "Immunization?category=x", "Condition?code=44054006", "Practitioner?patient=smart-1288992",
      "Patient/smart-1288992?_elements=id", "Binary",
    ];
    for (const path of cases) {
      const res = await v2(path);
      expect([path, res.status]).toEqual([path, 400]);
    }
    expect((await refused(await v2("Coverage?_lastUpdated=gt2018"), 400)).diagnostics).toBe(
      'The parameter "_lastUpdated" is not supported for Coverage searches. Coverage searches support patient, beneficiary, _id, _count.',
    );
    expect((await s4s("Condition?code=44054006")).status).toBe(403);
    expect((await s4s("DocumentReference?_lastUpdated=gt2018-01-01")).status).toBe(200);
    expect((await s4s("Coverage?beneficiary=smart-1288992")).status).toBe(200);
    expect((await v2("Coverage?beneficiary=smart-1288992")).status).toBe(200);
  });

  it("declares each type's interactions and search parameters truthfully in the CapabilityStatement", async () => {
    const v2Cap = (await (await fetch(`${sb.v2FhirBase}/metadata`)).json()) as { rest: { resource: CapabilityResource[] }[] };
    const v2Types = v2Cap.rest[0]!.resource;
    expect(v2Types.map((r) => r.type)).toEqual(V2_TYPES);
    const byType = new Map(v2Types.map((r) => [r.type, r]));
    expect(byType.get("DocumentReference")?.searchParam?.map((p) => p.name)).toEqual(["patient", "category", "_id", "_count"]);
    expect(byType.get("Observation")?.searchParam?.find((p) => p.name === "category")?.documentation).toMatch(/Required/);
    expect(byType.get("Binary")).toEqual({ type: "Binary", interaction: [{ code: "read" }] });
    const samples: Record<string, string> = { patient: "smart-1288992", beneficiary: "smart-1288992", category: "laboratory", _id: "x", _lastUpdated: "gt2018-01-01", _count: "5" };
    for (const r of v2Types) {
      expect(r.searchParam?.map((p) => p.name) ?? []).toEqual(searchParams("smart-v2", r.type));
      for (const p of r.searchParam ?? []) {
        const extra = r.type === "Observation" && p.name !== "category" ? "&category=laboratory" : "";
        const res = await v2(`${r.type}?${p.name}=${encodeURIComponent(samples[p.name] ?? "")}${extra}`);
        expect([r.type, p.name, res.status]).toEqual([r.type, p.name, 200]);
      }
    }
    const s4sCap = (await (await fetch(`${sb.s4sFhirBase}/metadata`)).json()) as { rest: { resource: CapabilityResource[] }[] };
    const s4sTypes = s4sCap.rest[0]!.resource;
    expect(s4sTypes.map((r) => r.type)).toEqual(S4S_TYPES);
    for (const r of s4sTypes) {
      expect(r.searchParam?.map((p) => p.name)).toEqual(["_count", "_lastUpdated", "category", "patient", "_security", "beneficiary"]);
    }
  });
});

describe("record and page-size options", () => {
  it("reads SANDBOX_RECORD_SIZE and SANDBOX_MAX_PAGE_SIZE, and refuses bad values with a plain message", () => {
    expect(optionsFromEnv({ SANDBOX_RECORD_SIZE: "200", SANDBOX_MAX_PAGE_SIZE: "20" })).toMatchObject({ ok: true, options: { recordSize: 200, maxPageSize: 20 } });
    const unset = optionsFromEnv({ SANDBOX_RECORD_SIZE: "", SANDBOX_MAX_PAGE_SIZE: "" });
    expect(unset.ok && unset.options).not.toHaveProperty("recordSize");
    for (const env of [{ SANDBOX_RECORD_SIZE: "-1" }, { SANDBOX_RECORD_SIZE: "many" }, { SANDBOX_RECORD_SIZE: "20001" }, { SANDBOX_MAX_PAGE_SIZE: "0" }, { SANDBOX_MAX_PAGE_SIZE: "1001" }]) {
      const result = optionsFromEnv(env);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/^Invalid SANDBOX_(RECORD_SIZE|MAX_PAGE_SIZE): /);
    }
  });

  it("refuses out-of-range options in-process", async () => {
    await expect(start({ maxPageSize: 0 })).rejects.toThrow("maxPageSize must be a whole number from 1 to 1000");
    await expect(start({ recordSize: 1.5 })).rejects.toThrow("recordSize must be a whole number from 0 to 20000");
  });
});
