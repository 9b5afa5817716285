/** Generated records, in process: sizes, determinism, realism, and searches and references worked out without rendering. */
import { describe, expect, it } from "vitest";
import { Directory } from "./fixtures/directory";
import { categoryCodes } from "./fhir/search";
import type { FhirVersion } from "./fhir/resource";
import { S4S_TYPES, US_CORE_TYPES } from "./fhir/types";
import { RecordBook } from "./records/book";
import { LAST_UPDATED_BEFORE } from "./records/chart";

const PATIENTS = ["smart-1288992", "smart-1032702", "smart-1081332", "synthetic-000001", "synthetic-000042", "synthetic-000777"];
const directory = new Directory(1000);

type Resource = Record<string, unknown> & { resourceType: string; id: string };
function resources(book: RecordBook, patientId: string, version: FhirVersion): Resource[] {
  const record = book.record(patientId, version);
  if (!record) throw new Error(`no record for ${patientId}`);
  return [...record.byId.values()].map((s) => JSON.parse(s.json) as Resource);
}
const clinical = (list: Resource[]) => list.filter((r) => r.id.includes("-") && r.resourceType !== "Patient" && r.resourceType !== "Binary" && !/^(practitioner|organization|location|medication)-/.test(r.id));

describe("generated records", () => {
  it("hold exactly recordSize clinical resources under R4, with every US Core type at the default size", () => {
    for (const size of [60, 200]) {
      const book = new RecordBook(directory, size);
      for (const patientId of PATIENTS) {
        const list = clinical(resources(book, patientId, "r4"));
        expect([patientId, list.length]).toEqual([patientId, size]);
        if (size === 60) expect([patientId, [...new Set(list.map((r) => r.resourceType))].sort()]).toEqual([patientId, [...US_CORE_TYPES].sort()]);
      }
    }
  });

  it("keeps the hand-made resources whatever the size, and only them at size 0", () => {
    const list = clinical(resources(new RecordBook(directory, 0), "smart-1288992", "r4"));
    expect(list).toHaveLength(21);
    expect(list.every((r) => !/-g\d{4}$/.test(r.id))).toBe(true);
    const big = clinical(resources(new RecordBook(directory, 300), "smart-1288992", "r4")).map((r) => r.id);
    expect(big).toEqual(expect.arrayContaining(list.map((r) => r.id)));
  });

  it("renders under DSTU2 only the types DSTU2 and the S4S proxy have, the same entries otherwise", () => {
    const book = new RecordBook(directory, 200);
    for (const patientId of PATIENTS) {
      const dstu2 = resources(book, patientId, "dstu2");
      const types = new Set(dstu2.map((r) => r.resourceType));
      for (const type of types) expect([patientId, type, S4S_TYPES.includes(type)]).toEqual([patientId, type, true]);
      expect(types.has("MedicationOrder")).toBe(true);
      const r4Ids = new Set(resources(book, patientId, "r4").map((r) => r.id));
      for (const r of dstu2) expect(r4Ids.has(r.id)).toBe(true);
    }
  });

  it("gives the same records for the same size, in a fresh process's worth of state", () => {
    const a = resources(new RecordBook(new Directory(1000), 120), "synthetic-000042", "r4");
    const b = resources(new RecordBook(new Directory(1000), 120), "synthetic-000042", "r4");
    expect(b).toEqual(a);
  });

  it("matches category searches and lists references exactly as the written JSON says", () => {
    const book = new RecordBook(directory, 250);
    for (const version of ["dstu2", "r4"] as const) {
      for (const patientId of PATIENTS) {
        const record = book.record(patientId, version)!;
        const shared = new Set<string>();
        for (const s of record.byId.values()) {
          const r = JSON.parse(s.json) as Resource;
          if (s.type !== "Binary") expect([s.type, s.id, [...s.categories].sort()]).toEqual([s.type, s.id, categoryCodes(r.category).sort()]);
          const refs = s.json.match(/"reference":"(Practitioner|Organization|Location|Medication)\/[^"]+"/g) ?? [];
          for (const ref of refs) shared.add(ref.slice(13, -1));
        }
        const listed = ["Practitioner", "Organization", "Location", "Medication"].flatMap((t) => (record.byType.get(t) ?? []).map((s) => `${t}/${s.id}`));
        expect([version, patientId, listed.sort()]).toEqual([version, patientId, [...shared].sort()]);
        if (version === "dstu2") expect(listed.every((ref) => /^(Practitioner|Medication)\//.test(ref))).toBe(true);
      }
    }
  });

  it("looks like a real chart: coded labs with units, ranges and some abnormal results, vitals, and dates over years", () => {
    const list = clinical(resources(new RecordBook(directory, 400), "synthetic-000042", "r4"));
    const labs = list.filter((r) => r.resourceType === "Observation" && JSON.stringify(r.category).includes('"laboratory"'));
    expect(labs.length).toBeGreaterThan(20);
    for (const lab of labs.filter((l) => l.referenceRange)) {
      expect(lab.code).toMatchObject({ coding: [{ system: "http://loinc.org" }] });
      expect(lab.valueQuantity).toMatchObject({ system: "http://unitsofmeasure.org" });
      expect(lab.interpretation).toMatchObject([{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation" }] }]);
    }
    const flags = labs.map((l) => (l.interpretation as { coding: { code: string }[] }[] | undefined)?.[0]?.coding[0]?.code);
    expect(flags).toContain("N");
    expect(flags.some((f) => f === "H" || f === "L")).toBe(true);
    const categories = new Set(list.filter((r) => r.resourceType === "Observation").flatMap((r) => categoryCodes(r.category)));
    for (const c of ["laboratory", "vital-signs", "social-history", "survey", "exam"]) expect(categories.has(c)).toBe(true);
    const years = list.map((r) => Number(((r.meta as { lastUpdated: string }).lastUpdated).slice(0, 4)));
    expect(Math.max(...years) - Math.min(...years)).toBeGreaterThanOrEqual(3);
    const conditions = list.filter((r) => r.resourceType === "Condition");
    expect(conditions.some((c) => JSON.stringify(c.code).includes("http://hl7.org/fhir/sid/icd-10-cm"))).toBe(true);
    const meds = list.filter((r) => r.resourceType === "MedicationRequest");
    expect(meds.every((m) => JSON.stringify(m).includes("rxnorm") || (m.medicationReference as { reference: string } | undefined)?.reference.startsWith("Medication/"))).toBe(true);
    expect(JSON.stringify(list.filter((r) => r.resourceType === "Immunization"))).toContain("http://hl7.org/fhir/sid/cvx");
    expect(JSON.stringify(list.filter((r) => r.resourceType === "Encounter"))).toContain("http://www.ama-assn.org/go/cpt");
  });

  it("carries meta everywhere except on some DSTU2 Encounters", () => {
    const book = new RecordBook(directory, 300);
    for (const version of ["dstu2", "r4"] as const) {
      const list = resources(book, "smart-1081332", version);
      const bare = list.filter((r) => !("meta" in r));
      if (version === "r4") expect(bare).toEqual([]);
      else {
        expect(bare.length).toBeGreaterThan(0);
        expect(bare.every((r) => r.resourceType === "Encounter")).toBe(true);
        expect(list.some((r) => r.resourceType === "Encounter" && "meta" in r)).toBe(true);
      }
      for (const r of list.filter((x) => "meta" in x)) expect(r.meta).toMatchObject({ versionId: expect.any(String), lastUpdated: expect.any(String) });
    }
  });

  it("dates every resource before LAST_UPDATED_BEFORE, so a touch at any later clock is the newest change", () => {
    const book = new RecordBook(directory, 2000);
    for (const patientId of PATIENTS) {
      const record = book.record(patientId, "r4")!;
      const latest = Math.max(...[...record.byId.values()].map((s) => s.lastUpdatedMs));
      expect([patientId, latest < LAST_UPDATED_BEFORE]).toEqual([patientId, true]);
    }
  });
});
