import { describe, expect, it } from "vitest";
import { bloodPressure, labResult, medicationOrder } from "./factories";
import { KIND_WORDS, RECORD_KINDS, inKindOrder, kindInSentence, kindOfResource, kindOfSearch, observationCategoryKind } from "./kinds";

const p = { patientId: "p1" };
const code = ["loinc", "2345-7", "Glucose"] as const;
const r4Category = (codeValue: unknown) => ({ resourceType: "Observation", category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: codeValue }] }] });
const dstu2Category = (codeValue: unknown) => ({ resourceType: "Observation", category: { coding: [{ system: "http://hl7.org/fhir/observation-category", code: codeValue }] } });

describe("the kind of an Observation, from its category", () => {
  it.each([
    ["laboratory", "labs"],
    ["vital-signs", "vitals"],
    ["social-history", "socialHistory"],
    ["survey", "surveys"],
    ["exam", "exams"],
    ["imaging", "observations"],
    ["procedure", "observations"],
    ["LABORATORY", "labs"],
  ] as const)("%s → %s, in R4 (a list) and DSTU2 (one CodeableConcept)", (category, kind) => {
    expect(observationCategoryKind(r4Category(category))).toBe(kind);
    expect(observationCategoryKind(dstu2Category(category))).toBe(kind);
  });

  it.each(["DSTU2", "R4"] as const)("%s resources made like the EHRs' own", (version) => {
    expect(kindOfResource("Observation", labResult(version, { ...p, id: "g", code, value: 5, unit: "mmol/L", date: "2026-01-02" }))).toBe("labs");
    expect(kindOfResource("Observation", bloodPressure(version, { ...p, id: "bp", systolic: 120, diastolic: 80, date: "2026-01-02" }))).toBe("vitals");
    expect(kindOfResource("Observation", labResult(version, { ...p, id: "s", code, value: 1, unit: "{pack}/d", date: "2026-01-02", category: "social-history" }))).toBe("socialHistory");
    expect(kindOfResource(version === "R4" ? "MedicationRequest" : "MedicationOrder", medicationOrder(version, { ...p, id: "m", code: ["rxnorm", "1", "Aspirin"], written: "2026-01-01", dosage: "daily" }))).toBe("medications");
  });

  it("an Observation in several categories counts once, laboratory before the others", () => {
    const both = { category: [{ coding: [{ code: "vital-signs" }] }, { coding: [{ code: "laboratory" }] }] };
    expect(observationCategoryKind(both)).toBe("labs");
  });

  it.each([
    ["no resource", undefined],
    ["null", null],
    ["a string", "laboratory"],
    ["no category", { resourceType: "Observation" }],
    ["category a string", { category: "laboratory" }],
    ["category a number", { category: 42 }],
    ["coding not a list", { category: { coding: { code: "laboratory" } } }],
    ["code not a string", r4Category({ toString: "laboratory" })],
    ["code too long", r4Category("laboratory".repeat(100))],
    ["prototype names", r4Category("__proto__")],
    ["constructor", r4Category("constructor")],
    ["a list of nulls", { category: [null, 1, "x"] }],
  ])("hostile or missing (%s) → other measurements, no throw", (_, resource) => {
    expect(observationCategoryKind(resource)).toBe("observations");
  });
});

describe("the kind of a resource type", () => {
  it.each([
    ["Condition", "conditions"],
    ["AllergyIntolerance", "allergies"],
    ["Immunization", "immunizations"],
    ["MedicationOrder", "medications"],
    ["MedicationRequest", "medications"],
    ["MedicationStatement", "medications"],
    ["MedicationDispense", "medications"],
    ["Procedure", "procedures"],
    ["Encounter", "encounters"],
    ["DiagnosticReport", "reports"],
    ["DocumentReference", "documents"],
    ["CarePlan", "carePlans"],
    ["CareTeam", "careTeams"],
    ["Goal", "goals"],
    ["ServiceRequest", "orders"],
    ["Device", "devices"],
    ["Coverage", "insurance"],
    ["Observation", "observations"],
    ["Basic", "other"],
    ["toString", "other"],
    ["__proto__", "other"],
    ["", "other"],
  ] as const)("%s → %s", (type, kind) => {
    expect(kindOfResource(type)).toBe(kind);
  });

  it.each(["Patient", "Medication", "Practitioner", "Organization", "Location"])("%s is the person or a detail pointed at, not a kind", (type) => {
    expect(kindOfResource(type, { resourceType: type })).toBeNull();
  });
});

describe("the kind of a planned search", () => {
  it.each([
    ["Observation:laboratory", "labs"],
    ["Observation:vital-signs", "vitals"],
    ["Observation:social-history", "socialHistory"],
    ["Observation:survey", "surveys"],
    ["Observation:exam", "exams"],
    ["Observation:imaging", "observations"],
    ["Observation:", "observations"],
    ["Observation", "observations"],
    ["Observation:__proto__", "observations"],
    ["MedicationOrder", "medications"],
    ["Condition", "conditions"],
    ["Condition:problem-list-item", "conditions"],
    ["Patient", null],
    ["Medication", null],
    ["Nonsense", "other"],
    ["", "other"],
  ] as const)("%s → %s", (key, kind) => {
    expect(kindOfSearch(key)).toBe(kind);
  });
});

describe("kind words", () => {
  it("every kind has words, each different", () => {
    const words = RECORD_KINDS.map((k) => KIND_WORDS[k]);
    expect(words.every((w) => w.length > 0)).toBe(true);
    expect(new Set(words).size).toBe(words.length);
  });

  it("in a sentence, lower-case first letter", () => {
    expect(kindInSentence("immunizations")).toBe("immunizations");
    expect(kindInSentence("labs")).toBe("lab results");
  });

  it("sorts into reading order", () => {
    expect(inKindOrder([{ kind: "insurance" }, { kind: "labs" }, { kind: "medications" }]).map((k) => k.kind)).toEqual(["labs", "medications", "insurance"]);
  });
});
