import { describe, expect, it } from "vitest";
import { checkPage, collectReferences } from "./entries";
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

  it("follows next links only on the FHIR base's origin", () => {
    expect(allowedNext(`${base}/Observation?p=2`, base)).not.toBeNull();
    expect(allowedNext("https://elsewhere.example/fhir/Observation?p=2", base)).toBeNull();
    expect(allowedNext("https://user:pw@ehr.example/fhir/x", base)).toBeNull();
  });
});
