/**
 * The `category` of each kind of resource, in one place: renderers write it, and searches match it without
 * rendering the resource (a record's resources are written only when a page serves them).
 */
import { categoryCodes } from "../../fhir/search";
import type { FhirVersion } from "../../fhir/resource";
import type { Entry } from "../entry";

type Concept = { coding: { system: string; code: string; display?: string }[] };
const coded = (system: string, code: string, display?: string): Concept => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });
const R4 = "http://terminology.hl7.org/CodeSystem";
const SNOMED = "http://snomed.info/sct";

const OBSERVATION_DISPLAY: Record<string, string> = {
  laboratory: "Laboratory", "vital-signs": "Vital Signs", "social-history": "Social History", survey: "Survey", exam: "Exam",
};
const CONDITION_DISPLAY = { "problem-list-item": "Problem List Item", "encounter-diagnosis": "Encounter Diagnosis" };

/** The resource's category as it is rendered (one concept, or a code string for AllergyIntolerance), or undefined. */
export function categoryOf(e: Entry, version: FhirVersion): Concept | string | undefined {
  const r4 = version === "r4";
  switch (e.kind) {
    case "observation":
      return coded(r4 ? `${R4}/observation-category` : "http://hl7.org/fhir/observation-category", e.category, OBSERVATION_DISPLAY[e.category]);
    case "condition":
      return r4 ? coded(`${R4}/condition-category`, e.category, CONDITION_DISPLAY[e.category]) : coded("http://hl7.org/fhir/condition-category", "diagnosis");
    case "allergy":
      return e.category;
    case "medication-request":
      return r4 ? coded(`${R4}/medicationrequest-category`, "community", "Community") : undefined;
    case "procedure":
      return e.code.code === "288086009" ? coded(SNOMED, "387713003", "Surgical procedure") : coded(SNOMED, "103693007", "Diagnostic procedure");
    case "diagnostic-report":
      return coded(`${R4}/v2-0074`, "LAB", "Laboratory");
    case "service-request":
      return e.category === "laboratory" ? coded(SNOMED, "108252007", "Laboratory procedure") : coded(SNOMED, "103693007", "Diagnostic procedure");
    case "document":
      return r4 ? coded("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", "clinical-note", "Clinical Note") : undefined;
    case "care-plan":
      return coded("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan");
    default:
      return undefined;
  }
}

const NONE: readonly string[] = [];
const memo = new Map<string, readonly string[]>();

/** The codes a `category` search matches (each also as `system|code`), shared between resources alike. */
export function searchCategories(e: Entry, version: FhirVersion): readonly string[] {
  const category = categoryOf(e, version);
  if (category === undefined) return NONE;
  const key = typeof category === "string" ? category : `${category.coding[0]?.system}|${category.coding[0]?.code}`;
  let codes = memo.get(key);
  if (!codes) memo.set(key, (codes = categoryCodes(category)));
  return codes;
}
