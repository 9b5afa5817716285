/**
 * The resource types each profile serves, and what each type supports. `s4s` keeps the real S4S proxy's
 * type list and one search-parameter list for every type; `smart-v2` declares parameters per type, as its
 * CapabilityStatement says, and refuses the others (400).
 */
import type { Profile } from "../state/model";

/** The US Core types a record is made of (R4 names; DSTU2 has MedicationOrder for MedicationRequest). */
export const US_CORE_TYPES = [
  "AllergyIntolerance", "CarePlan", "CareTeam", "Condition", "Coverage", "Device", "DiagnosticReport", "DocumentReference",
  "Encounter", "Goal", "Immunization", "MedicationRequest", "MedicationStatement", "MedicationDispense", "Observation",
  "Procedure", "ServiceRequest",
] as const;

/** Types a record points at, shared by every patient that references them. */
export const REFERENCED_TYPES = ["Medication", "Practitioner", "Organization", "Location"] as const;

/** The real S4S proxy's allowed types (see the reference-server notes). */
export const S4S_TYPES = [
  "AllergyIntolerance", "Binary", "Condition", "Coverage", "DocumentReference", "Encounter", "ExplanationOfBenefit",
  "ImagingStudy", "Immunization", "Medication", "MedicationAdministration", "MedicationDispense", "MedicationOrder",
  "MedicationStatement", "Observation", "Patient", "Practitioner", "Procedure",
];

export const V2_TYPES = [
  ...new Set([...US_CORE_TYPES, ...REFERENCED_TYPES, "Patient", "Binary", "ExplanationOfBenefit", "ImagingStudy", "MedicationAdministration"]),
].sort();

export const S4S_SEARCH_PARAMS = ["_count", "_format", "_lastUpdated", "category", "patient", "_security", "beneficiary"];
/** The sandbox's paging cursor, found in `next` links; allowed everywhere, declared nowhere. */
export const PAGE_PARAM = "_getpagesoffset";

/** smart-v2 types whose searches do not support `_lastUpdated` (so clients must re-pull them). */
export const NO_LAST_UPDATED = ["Coverage", "DocumentReference"];
/** smart-v2 types with a searchable `category`. */
const WITH_CATEGORY = [
  "AllergyIntolerance", "CarePlan", "Condition", "DiagnosticReport", "DocumentReference", "MedicationRequest", "Observation",
  "Procedure", "ServiceRequest",
];
/** smart-v2 types that only answer reads (s4s searches every type, as the real proxy passes them on). */
const READ_ONLY = ["Binary"];
/** smart-v2: Observation searches must name a category (or `_id`), as Epic's do. */
export const CATEGORY_REQUIRED = ["Observation"];

export function resourceTypes(profile: Profile): string[] {
  return profile === "s4s" ? S4S_TYPES : V2_TYPES;
}

export function searchable(profile: Profile, type: string): boolean {
  return profile === "s4s" || !READ_ONLY.includes(type);
}

/** The search parameters a type declares (and accepts, besides `_format` and the paging cursor). */
export function searchParams(profile: Profile, type: string): string[] {
  if (!searchable(profile, type)) return [];
  if (profile === "s4s") return S4S_SEARCH_PARAMS.filter((p) => p !== "_format");
  const ownPatient = type === "Patient" || (REFERENCED_TYPES as readonly string[]).includes(type);
  return [
    ...(ownPatient ? [] : ["patient"]),
    ...(type === "Coverage" ? ["beneficiary"] : []),
    ...(WITH_CATEGORY.includes(type) ? ["category"] : []),
    "_id",
    ...(NO_LAST_UPDATED.includes(type) ? [] : ["_lastUpdated"]),
    "_count",
  ];
}

export const SEARCH_PARAM_TYPES: Record<string, string> = {
  patient: "reference",
  beneficiary: "reference",
  category: "token",
  _id: "token",
  _lastUpdated: "date",
  _count: "number",
  _security: "token",
};
