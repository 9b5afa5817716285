/**
 * What to fetch for one connection: the US Core types that the granted scope allows and the
 * server's CapabilityStatement lists, one search per type, or one per category where the server
 * requires a category (the CapabilityStatement says so, or the health system's setting does).
 * DSTU2 servers get MedicationOrder instead of MedicationRequest. Framework-free.
 */
import type { Capabilities } from "./capability";
import type { Grant } from "./grant";

/** The US Core types of a record (R4 names), in the order they are fetched. */
export const US_CORE_TYPES = [
  "AllergyIntolerance", "CarePlan", "CareTeam", "Condition", "Coverage", "Device", "DiagnosticReport", "DocumentReference",
  "Encounter", "Goal", "Immunization", "MedicationRequest", "MedicationStatement", "MedicationDispense", "Observation",
  "Procedure", "ServiceRequest",
] as const;

/** Types the record points at, read by id once per connection and stored with source "reference". */
export const REFERENCED_TYPES = ["Medication", "Practitioner", "Organization", "Location"] as const;

/** The categories searched one by one where a server requires a category (US Core's own codes). */
export const CATEGORIES: Record<string, string[]> = {
  Observation: ["laboratory", "vital-signs", "social-history", "survey", "exam"],
  Condition: ["problem-list-item", "health-concern", "encounter-diagnosis"],
  DiagnosticReport: ["LAB", "RAD"],
  DocumentReference: ["clinical-note"],
  CarePlan: ["assess-plan"],
  ServiceRequest: ["laboratory", "imaging"],
};

/** One search of the patient's record; `key` names its RecordTypeState row ("Observation:laboratory"). */
export type PlannedSearch = {
  key: string;
  resourceType: string;
  category: string | null;
  /** The server declares `_lastUpdated` for this type: later passes can ask for changes only. */
  lastUpdated: boolean;
  /** The server declares `_count` (or nothing is known): the page size is asked for. */
  count: boolean;
};

export type FetchPlan = {
  /** Read the Patient (the scope grants it). */
  patient: boolean;
  searches: PlannedSearch[];
  /** Referenced types the scope lets the sync read. */
  referenceTypes: string[];
  /**
   * Referenced types read several at a time by an `_id` search (the server declares `_id` for the
   * type and the scope lets the sync search it), with whether `_count` may be sent; the others are read one by one.
   */
  referenceSearch: Map<string, { count: boolean }>;
};

export type PlanInput = {
  fhirVersion: string | null;
  grant: Grant;
  /** Null when the server's CapabilityStatement could not be read: every granted type is tried. */
  capabilities: Capabilities | null;
  /** Types whose searches must name a category whatever the CapabilityStatement says (a health-system setting). */
  categoryRequired?: readonly string[];
  categories?: Record<string, string[]>;
};

export const isDstu2 = (fhirVersion: string | null) => fhirVersion !== null && /^(0\.|1\.)/.test(fhirVersion);

/** The name this server gives a US Core type (DSTU2: MedicationOrder for MedicationRequest). */
export const serverTypeName = (type: string, fhirVersion: string | null) => (type === "MedicationRequest" && isDstu2(fhirVersion) ? "MedicationOrder" : type);

export function planFetch(input: PlanInput): FetchPlan {
  const { grant, capabilities } = input;
  const categories = input.categories ?? CATEGORIES;
  const searches: PlannedSearch[] = [];
  for (const usCore of US_CORE_TYPES) {
    const type = serverTypeName(usCore, input.fhirVersion);
    if (!grant.canSearch(type)) continue;
    const declared = capabilities?.get(type);
    if (capabilities && !declared) continue;
    const params = declared?.searchParams;
    const lastUpdated = params?.has("_lastUpdated") ?? false;
    const count = params ? params.has("_count") : true;
    const granted = grant.categoriesOf(type);
    const required = declared?.categoryRequired === true || (input.categoryRequired ?? []).includes(type);
    // A scope limited to categories is searched by those; a server that requires a category, by each
    // category US Core defines for the type; otherwise one search for the whole type.
    const cats = granted ?? (required ? (categories[type] ?? []) : null);
    if (cats === null) searches.push({ key: type, resourceType: type, category: null, lastUpdated, count });
    else for (const category of cats) searches.push({ key: `${type}:${category}`, resourceType: type, category, lastUpdated, count });
  }
  const referenceTypes = REFERENCED_TYPES.filter((t) => grant.canRead(t));
  const referenceSearch = new Map<string, { count: boolean }>();
  for (const type of referenceTypes) {
    const params = capabilities?.get(type)?.searchParams;
    if (params?.has("_id") && grant.canSearch(type)) referenceSearch.set(type, { count: params.has("_count") });
  }
  return { patient: grant.canRead("Patient"), searches, referenceTypes, referenceSearch };
}
