/** The FHIR API: parameters, paging, ETags, patient limits, both versions, synthetic patients. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { bearer, debugTokens, postJson, registerS4s, registerV2, start, type Registered } from "./test/helpers";

interface Bundle {
  resourceType: string;
  total: number;
  link: { relation: string; url: string }[];
  entry: { fullUrl: string; resource: { resourceType: string; id: string; [k: string]: unknown } }[];
}

async function debugToken(sb: RunningSandbox, client: Registered, username: string, patient_id: string): Promise<string> {
  return (await debugTokens(sb, client, username, patient_id)).access_token;
}

describe("FHIR API", () => {
  let sb: RunningSandbox;
  let s4sToken = "";
  let v2Token = "";
  beforeAll(async () => {
    // recordSize 0: these tests count the fixtures' hand-made resources (records.test.ts covers generated ones).
    sb = await start({ syntheticPatients: 100_000, recordSize: 0 });
    s4sToken = await debugToken(sb, await registerS4s(sb), "daniel-adams", "smart-1288992");
    v2Token = await debugToken(sb, await registerV2(sb), "daniel-adams", "smart-1288992");
  });
  afterAll(() => sb.close());

  const s4s = (path: string, init: RequestInit = bearer(s4sToken)) => fetch(`${sb.s4sFhirBase}/${path}`, init);
  const v2 = (path: string, init: RequestInit = bearer(v2Token)) => fetch(`${sb.v2FhirBase}/${path}`, init);
  const bundle = async (res: Response) => {
    expect(res.status).toBe(200);
    return (await res.json()) as Bundle;
  };

  it.each([
    "Observation?_count=5", "Observation?_format=json", "Observation?_lastUpdated=ge2018-01-01", "Observation?category=laboratory",
    "Observation?patient=smart-1288992", "Observation?_security=anything", "Coverage?beneficiary=smart-1288992", "Patient",
  ])("s4s allows %s", async (path) => {
    expect((await s4s(path)).status).toBe(200);
  });

  it.each(["Observation?code=29463-7", "Observation?_id=smart-1288992-weight", "Patient?name=Adams", "Observation?_sort=date"])("s4s refuses %s with 403", async (path) => {
    const res = await s4s(path);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe("OperationOutcome");
  });

  it("smart-v2 also allows _id", async () => {
    const b = await bundle(await v2("Observation?_id=smart-1288992-weight,smart-1288992-height"));
    expect(b.entry.map((e) => e.resource.id).sort()).toEqual(["smart-1288992-height", "smart-1288992-weight"]);
    // A parameter the type does not declare: 400 under smart-v2 (403 is the S4S proxy's answer).
    expect((await v2("Observation?code=x&category=laboratory")).status).toBe(400);
  });

  it("pages with absolute next links until every match is seen", async () => {
    let b = await bundle(await s4s("Observation?_count=2"));
    const total = b.total;
    const seen = b.entry.map((e) => e.resource.id);
    expect(total).toBe(7);
    for (let next = b.link.find((l) => l.relation === "next"); next; next = b.link.find((l) => l.relation === "next")) {
      expect(next.url.startsWith(`${sb.s4sFhirBase}/Observation?`)).toBe(true);
      b = await bundle(await fetch(next.url, bearer(s4sToken)));
      seen.push(...b.entry.map((e) => e.resource.id));
    }
    expect(new Set(seen).size).toBe(total);
    expect(b.entry[0]?.fullUrl).toMatch(new RegExp(`^${sb.s4sFhirBase}/Observation/`));
  });

  it("filters by category and _lastUpdated, and refuses bad values", async () => {
    const labs = await bundle(await s4s("Observation?category=laboratory"));
    expect(labs.entry.map((e) => e.resource.id).sort()).toEqual(["smart-1288992-glucose", "smart-1288992-hba1c", "smart-1288992-ldl"]);
    expect((await bundle(await s4s("Observation?_lastUpdated=lt2018-02-21"))).total).toBe(0);
    expect((await bundle(await s4s("Observation?_lastUpdated=eq2018-02-21"))).total).toBe(7);
    expect((await bundle(await s4s("Observation?_lastUpdated=gt2018-02&_lastUpdated=le2019"))).total).toBe(0);
    expect((await s4s("Observation?_lastUpdated=yesterday")).status).toBe(400);
    expect((await s4s("Observation?_count=lots")).status).toBe(400);
    expect((await s4s("Observation?_count=1&_count=2")).status).toBe(400);
    expect((await s4s("Observation?_format=xml")).status).toBe(406);
  });

  it("sends an ETag and answers If-None-Match with 304", async () => {
    const res = await s4s("Patient/smart-1288992");
    const etag = res.headers.get("etag");
    expect(etag).toBe('W/"2"');
    const again = await s4s("Patient/smart-1288992", { headers: { ...bearer(s4sToken).headers, "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
    const changed = await s4s("Patient/smart-1288992", { headers: { ...bearer(s4sToken).headers, "if-none-match": 'W/"1"' } });
    expect(changed.status).toBe(200);
  });

  it("limits every read and search to the token's patient", async () => {
    expect((await s4s("Patient/smart-1032702")).status).toBe(403);
    expect((await s4s("Observation/smart-1081332-weight")).status).toBe(403);
    expect((await bundle(await s4s("Observation?patient=smart-1032702"))).total).toBe(0);
    const everyone = await bundle(await s4s("Patient"));
    expect(everyone.entry.map((e) => e.resource.id)).toEqual(["smart-1288992"]);
    const amy = await debugToken(sb, await registerS4s(sb), "daniel-adams", "smart-1032702");
    expect((await s4s("Patient/smart-1032702", bearer(amy))).status).toBe(200);
  });

  it("answers errors as OperationOutcome: 401, 403, 404, and GET only", async () => {
    const cases: [string, RequestInit, number][] = [
      ["Patient/smart-1288992", {}, 401],
      ["Patient/smart-1288992", bearer("not-a-token"), 401],
      ["Patient/smart-1288992", { headers: { authorization: "Basic abc" } }, 401],
      ["Account", bearer(s4sToken), 403],
      ["Observation/does-not-exist", bearer(s4sToken), 404],
      ["Patient/smart-1288992/_history/2/extra", bearer(s4sToken), 404],
      ["Patient", { method: "POST", ...bearer(s4sToken), body: "{}" }, 403],
      ["Patient/smart-1288992", { method: "DELETE", ...bearer(s4sToken) }, 403],
    ];
    for (const [path, init, status] of cases) {
      const res = await s4s(path, init);
      expect([path, res.status]).toEqual([path, status]);
      expect(((await res.json()) as { resourceType: string }).resourceType).toBe("OperationOutcome");
    }
    expect((await v2("Patient", { method: "PUT", ...bearer(v2Token) })).status).toBe(405);
    expect((await v2("Patient/smart-1288992", bearer(s4sToken))).status).toBe(401);
  });

  it("serves DSTU2 under s4s and R4 under smart-v2", async () => {
    expect((await s4s("Patient/smart-1288992")).headers.get("content-type")).toContain("application/json+fhir");
    expect((await v2("Patient/smart-1288992")).headers.get("content-type")).toContain("application/fhir+json");
    const dstu2 = (await (await s4s("Observation/smart-1288992-weight")).json()) as { category: unknown };
    const r4 = (await (await v2("Observation/smart-1288992-weight")).json()) as { category: unknown };
    expect(Array.isArray(dstu2.category)).toBe(false);
    expect(Array.isArray(r4.category)).toBe(true);
    expect((await bundle(await s4s("MedicationOrder"))).total).toBe(3);
    expect((await bundle(await v2("MedicationRequest"))).total).toBe(3);
    for (const type of ["Condition", "AllergyIntolerance", "MedicationStatement", "Immunization"]) {
      expect((await bundle(await s4s(type))).total).toBeGreaterThan(0);
      expect((await bundle(await v2(type))).total).toBeGreaterThan(0);
    }
  });

  it("generates synthetic users and patients on demand, deterministically", async () => {
    const client = await registerS4s(sb);
    const token = await debugToken(sb, client, "user-100000", "synthetic-100000");
    const patient = (await (await s4s("Patient/synthetic-100000", bearer(token))).json()) as { id: string; name: { family: string[] }[] };
    expect(patient.id).toBe("synthetic-100000");
    const other = await start({ syntheticPatients: 100_000, recordSize: 0 });
    try {
      const again = await debugToken(other, await registerS4s(other), "user-100000", "synthetic-100000");
      const same = await (await fetch(`${other.s4sFhirBase}/Patient/synthetic-100000`, bearer(again))).json();
      expect(same).toEqual(patient);
    } finally {
      await other.close();
    }
    const obs = await bundle(await s4s("Observation", bearer(token)));
    expect(obs.total).toBeGreaterThanOrEqual(4);
    expect((await postJson(`${sb.url}/oauth/debug/token`, { client_id: client.client_id, username: "user-100001", patient_id: "synthetic-100001" })).status).toBe(400);
  });
});
