import { describe, expect, it } from "vitest";
import { cutPage } from "../bundle-slices";
import { checkPage, collectReferences, hashOf } from "./entries";
import { allowedNext } from "./search";

const base = "https://ehr.example/fhir";
const obs = (id: string, patient = "p1") => ({ resource: { resourceType: "Observation", id, subject: { reference: `Patient/${patient}` }, performer: [{ reference: "Practitioner/dr-1" }] } });

describe("a search page from the EHR", () => {
  it("keeps the searched type of this patient and refuses and counts the others", () => {
    const page = checkPage(
      { resourceType: "Bundle", entry: [obs("a"), obs("b", "p2"), { resource: { resourceType: "Condition", id: "c", subject: { reference: "Patient/p1" } } }, obs("../x"), { resource: { resourceType: "Observation", id: "n" } }], link: [{ relation: "next", url: `${base}/Observation?page=2` }] },
      { resourceType: "Observation", patientId: "p1", fhirBase: base, maxResourceBytes: 10_000 },
    );
    expect(page?.resources.map((r) => r.fhirId)).toEqual(["a"]);
    expect(page?.refused).toBe(4);
    expect(page?.next).toBe(`${base}/Observation?page=2`);
    const refs = new Set<string>();
    collectReferences(page!.resources[0]!.json, ["Practitioner"], base, refs);
    expect([...refs]).toEqual(["Practitioner/dr-1"]);
  });

  it("stores each kept resource as the page sent it, and its hash is of that text", () => {
    const text = `{"resourceType":"Bundle","entry":[{"resource": {"resourceType": "Observation", "id": "a", "subject": {"reference": "Patient/p1"}, "valueQuantity": {"value": 1.50}}},{"resource":{"resourceType":"Observation","id":"b","subject":{"reference":"Patient/p2"}}}]}`;
    const page = checkPage(JSON.parse(text), { resourceType: "Observation", patientId: "p1", fhirBase: base, maxResourceBytes: 10_000, sent: cutPage(text).resources });
    const sent = '{"resourceType": "Observation", "id": "a", "subject": {"reference": "Patient/p1"}, "valueQuantity": {"value": 1.50}}';
    expect(page?.resources).toEqual([{ resourceType: "Observation", fhirId: "a", versionId: null, lastUpdated: null, json: sent, contentHash: hashOf(sent) }]);
    expect(page?.refused).toBe(1);
  });

  it("serialises a resource again where its text spans lines (an NDJSON line cannot), and where the page's cut is not given", () => {
    const resource = { resourceType: "Observation", id: "a", subject: { reference: "Patient/p1" } };
    const text = `{"resourceType":"Bundle","entry":[{"resource":${JSON.stringify(resource, null, 2)}}]}`;
    const input = { resourceType: "Observation", patientId: "p1", fhirBase: base, maxResourceBytes: 10_000 };
    expect(checkPage(JSON.parse(text), { ...input, sent: cutPage(text).resources })?.resources[0]?.json).toBe(JSON.stringify(resource));
    expect(checkPage(JSON.parse(text), input)?.resources[0]?.json).toBe(JSON.stringify(resource));
  });

  it("follows next links only on the FHIR base's origin", () => {
    expect(allowedNext(`${base}/Observation?p=2`, base)).not.toBeNull();
    expect(allowedNext("https://elsewhere.example/fhir/Observation?p=2", base)).toBeNull();
    expect(allowedNext("https://user:pw@ehr.example/fhir/x", base)).toBeNull();
  });
});

describe("the references a resource names", () => {
  const collect = (resource: unknown, types = ["Practitioner", "Organization", "Medication"]) => {
    const into = new Set<string>();
    collectReferences(JSON.stringify(resource), types, `${base}/`, into);
    return [...into].sort();
  };

  it("finds each asked type, relative or on the FHIR base, once", () => {
    const resource = {
      resourceType: "MedicationRequest",
      subject: { reference: "Patient/p1" },
      requester: { reference: "Practitioner/dr-1" },
      performer: [{ reference: `${base}/Organization/org.2` }, { reference: "Practitioner/dr-1" }],
      medicationReference: { reference: "Medication/m-3", display: "x" },
    };
    expect(collect(resource)).toEqual(["Medication/m-3", "Organization/org.2", "Practitioner/dr-1"]);
  });

  it("leaves out other types, other servers, extra path parts, bad ids and text that only looks like a reference", () => {
    const resource = {
      resourceType: "Observation",
      encounter: { reference: "Encounter/e1" },
      performer: [
        { reference: "https://other.example/fhir/Practitioner/x1" },
        { reference: "Practitioner/x2/_history/1" },
        { reference: "Practitioner/.." },
        { reference: `Practitioner/${"a".repeat(65)}` },
        { reference: "Location/l1" },
      ],
      note: [{ text: '"reference":"Practitioner/x3"' }],
    };
    expect(collect(resource)).toEqual([]);
    expect(collect(resource, ["Location"])).toEqual(["Location/l1"]);
    expect(collect(resource, [])).toEqual([]);
  });

  it("gives the same answer when called again (the pattern is reused)", () => {
    const resource = { resourceType: "Encounter", serviceProvider: { reference: "Organization/o1" } };
    expect(collect(resource)).toEqual(["Organization/o1"]);
    expect(collect(resource)).toEqual(["Organization/o1"]);
  });
});
