/**
 * What a participant shared, in plain words (pure): from the scope the EHR GRANTED (SMART v1
 * `patient/Observation.read`, v2 `patient/Observation.rs`, `patient/*.*`, `?category=` forms), and,
 * once the record has arrived, from what actually arrived. A wildcard grant names no parts: which
 * parts come is decided at the health system (the participant may have unticked some there), so
 * no part is claimed before it has arrived.
 */
import { en } from "../../messages/en";

/**
 * The plain name of each kind of data, in the order participants read them: the English catalogue's
 * words (messages/en.ts), the one place they are written.
 */
export const KIND_WORDS = en.granted.kinds;
export type DataKind = keyof typeof KIND_WORDS;

const TYPE_KINDS: Record<string, DataKind> = {
  Patient: "details",
  Condition: "conditions",
  AllergyIntolerance: "allergies",
  MedicationRequest: "medicines",
  MedicationOrder: "medicines",
  MedicationStatement: "medicines",
  MedicationDispense: "medicines",
  MedicationAdministration: "medicines",
  Immunization: "vaccines",
  Procedure: "procedures",
  DiagnosticReport: "reports",
  ServiceRequest: "orders",
  Encounter: "visits",
  DocumentReference: "documents",
  Binary: "documents",
  Coverage: "insurance",
  ExplanationOfBenefit: "insurance",
  CarePlan: "care-plans",
  Goal: "care-plans",
  CareTeam: "care-team",
  Device: "devices",
  ImagingStudy: "imaging",
};

const OBSERVATION_KINDS: Record<string, DataKind> = {
  laboratory: "test-results",
  "vital-signs": "vital-signs",
  "social-history": "social-history",
  survey: "surveys",
  exam: "exams",
};

/** The kind of data a resource type (and, for Observation, its category code) stands for, if a record part. */
export function kindOf(resourceType: string, category?: string | null): DataKind | null {
  if (resourceType === "Observation") return (category && OBSERVATION_KINDS[category]) || "measurements";
  return TYPE_KINDS[resourceType] ?? null;
}

const KIND_ORDER = Object.keys(KIND_WORDS) as DataKind[];
const sortKinds = (kinds: Iterable<DataKind>) => [...new Set(kinds)].sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));

const RESOURCE_SCOPE = /^patient\/(\*|[A-Za-z]+)\.([a-z*]+)(?:\?(.*))?$/;

/** Whether a v1 or v2 permission string lets the study read data (`read`, `*`, or v2 letters with r or s). */
function readsData(permissions: string): boolean {
  if (permissions === "read" || permissions === "*") return true;
  return /^c?r?u?d?s?$/.test(permissions) && /[rs]/.test(permissions);
}

/** The category code a `?category=` filter names (`system|code` or `code`), if any. */
function categoryOf(query: string | undefined): string | null {
  const value = new URLSearchParams(query ?? "").get("category");
  return value ? (value.split("|").pop() ?? null) : null;
}

export type GrantedKinds = { everything: boolean; kinds: DataKind[]; ongoing: boolean };

/** The parts of the record a granted scope lets the study read. */
export function grantedKinds(scope: string | null | undefined): GrantedKinds {
  const scopes = (scope ?? "").split(/\s+/).filter(Boolean);
  let everything = false;
  const kinds: DataKind[] = [];
  for (const s of scopes) {
    const match = RESOURCE_SCOPE.exec(s);
    if (!match || !readsData(match[2] ?? "")) continue;
    const [, type = "", , query] = match;
    if (type === "*") everything ||= !query;
    const kind = type === "*" ? null : kindOf(type, categoryOf(query));
    if (kind) kinds.push(kind);
  }
  return { everything, kinds: everything ? [] : sortKinds(kinds), ongoing: scopes.includes("offline_access") };
}

/** "a, b and c" */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

export const kindWords = (kinds: Iterable<DataKind>) => listWords(sortKinds(kinds).map((k) => KIND_WORDS[k]));

/** The sentences, in the participant's language (messages/*.ts, group `granted`); English by default. */
export type GrantedWords = {
  everything: string;
  parts: (types: string) => string;
  ongoing: string;
  once: string;
  kind: (kind: DataKind) => string;
  list: (items: string[]) => string;
};

const ENGLISH: GrantedWords = {
  everything: "Your health record: every part your health system lets the study see",
  parts: (types) => `Only these parts of your health record: ${types}`,
  ongoing: "Ongoing updates, until you stop sharing or your approval ends",
  once: "A one-time copy only (no ongoing updates)",
  kind: (kind) => KIND_WORDS[kind],
  list: listWords,
};

/** The granted scope in plain words: one line for what, one for how long. */
export function describeGrantedData(scope: string | null | undefined, words: GrantedWords = ENGLISH): string[] {
  const granted = grantedKinds(scope);
  const lines: string[] = [];
  if (granted.everything) lines.push(words.everything);
  else if (granted.kinds.length > 0) lines.push(words.parts(words.list(granted.kinds.map(words.kind))));
  const any = (scope ?? "").trim().length > 0;
  if (granted.ongoing) lines.push(words.ongoing);
  else if (any) lines.push(words.once);
  return lines;
}

/** The kinds of data that actually arrived (resource types, and Observation categories), in reading order. */
export function arrivedKinds(parts: readonly { resourceType: string; category?: string | null }[]): DataKind[] {
  return sortKinds(parts.map((p) => kindOf(p.resourceType, p.category)).filter((k): k is DataKind => k !== null));
}
