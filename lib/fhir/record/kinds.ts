/**
 * The kinds of a health record in plain words: which kind a stored resource or a planned search
 * belongs to ("Observation" with category "laboratory" → lab results; MedicationOrder,
 * MedicationRequest, MedicationStatement, MedicationDispense → medicines), and the words a
 * participant and study staff read for each. Pure; DSTU2 and R4 alike; EHR input is untrusted, so
 * anything unexpected falls to a safe kind, never throws. The record page's section keys are
 * reused where a section exists (labs, vitals, conditions, …), one name per concept.
 */
import { codings } from "./common";
import { MEDICATION_TYPES } from "./medications";
import { record } from "../text";
import { en } from "../../../messages/en";

/** Every kind, in the order a participant reads them. */
export const RECORD_KINDS = [
  "labs",
  "vitals",
  "conditions",
  "medications",
  "allergies",
  "immunizations",
  "procedures",
  "encounters",
  "reports",
  "documents",
  "socialHistory",
  "surveys",
  "exams",
  "observations",
  "carePlans",
  "careTeams",
  "goals",
  "orders",
  "devices",
  "insurance",
  "other",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What each kind is called on a heading or a count ("Lab results: 42"): the English catalogue's words (messages/en.ts). */
export const KIND_WORDS: Readonly<Record<RecordKind, string>> = en.recordKinds;

const TYPE_KINDS: Readonly<Record<string, RecordKind>> = {
  Condition: "conditions",
  AllergyIntolerance: "allergies",
  Immunization: "immunizations",
  Procedure: "procedures",
  Encounter: "encounters",
  DiagnosticReport: "reports",
  DocumentReference: "documents",
  CarePlan: "carePlans",
  CareTeam: "careTeams",
  Goal: "goals",
  ServiceRequest: "orders",
  ProcedureRequest: "orders", // DSTU2/STU3 name of ServiceRequest
  Device: "devices",
  Coverage: "insurance",
  Observation: "observations",
  ...Object.fromEntries(MEDICATION_TYPES.map((t) => [t, "medications" as const])),
};

/** Observation categories (R4 observation-category codes; DSTU2 uses the same codes) and their kinds. */
const CATEGORY_KINDS: Readonly<Record<string, RecordKind>> = {
  laboratory: "labs",
  "vital-signs": "vitals",
  "social-history": "socialHistory",
  survey: "surveys",
  exam: "exams",
};
/** When an Observation has several categories, the first of these it has wins. */
const CATEGORY_ORDER = Object.keys(CATEGORY_KINDS);

/**
 * Resources read only because the record points at them (the medicine a prescription names, the
 * doctor, the clinic): details of other kinds, not kinds of their own; and the Patient, which is
 * the person, not a part of their record.
 */
const NOT_A_KIND = new Set(["Patient", "Medication", "Practitioner", "PractitionerRole", "Organization", "Location"]);

/** The kind of an Observation from its category codings (R4: a list; DSTU2: one CodeableConcept). */
export function observationCategoryKind(resource: unknown): RecordKind {
  const codes = new Set(codings(record(resource)?.category).map((c) => c.code));
  const category = CATEGORY_ORDER.find((c) => codes.has(c));
  return category === undefined ? "observations" : CATEGORY_KINDS[category]!;
}

/** The kind a stored resource counts under; null for the Patient and resources only pointed at. */
export function kindOfResource(resourceType: string, resource?: unknown): RecordKind | null {
  if (NOT_A_KIND.has(resourceType)) return null;
  if (resourceType === "Observation") return observationCategoryKind(resource);
  return Object.hasOwn(TYPE_KINDS, resourceType) ? TYPE_KINDS[resourceType]! : "other";
}

/**
 * The kind a planned search fetches, from its key: "Observation:laboratory" → labs,
 * "MedicationOrder" → medications, "Observation" (no category) → observations. Null for the
 * Patient and referenced resources.
 */
export function kindOfSearch(searchKey: string): RecordKind | null {
  const [resourceType = "", category] = searchKey.split(":", 2);
  if (resourceType === "Observation" && category !== undefined) {
    const code = category.toLowerCase();
    return Object.hasOwn(CATEGORY_KINDS, code) ? CATEGORY_KINDS[code]! : "observations";
  }
  return kindOfResource(resourceType);
}

/** The words of a kind, in a sentence ("lab results", "care team"). */
export function kindInSentence(kind: RecordKind): string {
  const words = KIND_WORDS[kind];
  return words.charAt(0).toLowerCase() + words.slice(1);
}

/** Kinds in reading order (RECORD_KINDS), whatever order they were found in. */
export function inKindOrder<T extends { kind: RecordKind }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => RECORD_KINDS.indexOf(a.kind) - RECORD_KINDS.indexOf(b.kind));
}
