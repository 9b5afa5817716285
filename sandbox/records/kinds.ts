/** Each entry kind's resource type per FHIR version, and the S4S data category (consent) it belongs to. */
import type { DataCategory, FhirVersion } from "../fhir/resource";
import type { Entry, EntryKind } from "./entry";

/** R4 and DSTU2 type names; null where DSTU2, or the real S4S proxy, has no such type. */
export const TYPE_NAMES: Record<EntryKind, { r4: string; dstu2: string | null }> = {
  observation: { r4: "Observation", dstu2: "Observation" },
  condition: { r4: "Condition", dstu2: "Condition" },
  allergy: { r4: "AllergyIntolerance", dstu2: "AllergyIntolerance" },
  "medication-request": { r4: "MedicationRequest", dstu2: "MedicationOrder" },
  "medication-statement": { r4: "MedicationStatement", dstu2: "MedicationStatement" },
  "medication-dispense": { r4: "MedicationDispense", dstu2: "MedicationDispense" },
  immunization: { r4: "Immunization", dstu2: "Immunization" },
  procedure: { r4: "Procedure", dstu2: "Procedure" },
  encounter: { r4: "Encounter", dstu2: "Encounter" },
  "diagnostic-report": { r4: "DiagnosticReport", dstu2: null },
  "service-request": { r4: "ServiceRequest", dstu2: null },
  document: { r4: "DocumentReference", dstu2: "DocumentReference" },
  "care-plan": { r4: "CarePlan", dstu2: null },
  "care-team": { r4: "CareTeam", dstu2: null },
  goal: { r4: "Goal", dstu2: null },
  device: { r4: "Device", dstu2: null },
  coverage: { r4: "Coverage", dstu2: "Coverage" },
};

export function typeOf(kind: EntryKind, version: FhirVersion): string | null {
  return TYPE_NAMES[kind][version];
}

/** Kinds rendered under both versions with the same type name: what a touch without a profile picks from. */
export const SAME_IN_BOTH = (Object.keys(TYPE_NAMES) as EntryKind[]).filter((k) => TYPE_NAMES[k].r4 === TYPE_NAMES[k].dstu2);

const OBSERVATION_CATEGORY: Record<string, DataCategory> = {
  laboratory: "laboratory",
  "vital-signs": "vital-signs",
  exam: "vital-signs",
  "social-history": "smoking",
  survey: "problems",
};
const KIND_CATEGORY: Record<EntryKind, DataCategory> = {
  observation: "vital-signs",
  condition: "problems",
  allergy: "allergies",
  "medication-request": "medications",
  "medication-statement": "medications",
  "medication-dispense": "medications",
  immunization: "immunizations",
  procedure: "procedures",
  encounter: "patient",
  "diagnostic-report": "laboratory",
  "service-request": "procedures",
  document: "patient",
  "care-plan": "problems",
  "care-team": "patient",
  goal: "problems",
  device: "procedures",
  coverage: "patient",
};

/** The data category a participant shares or withholds on the consent page (`patient` cannot be withheld). */
export function dataCategoryOf(e: Entry): DataCategory {
  return e.kind === "observation" ? (OBSERVATION_CATEGORY[e.category] ?? "vital-signs") : KIND_CATEGORY[e.kind];
}
