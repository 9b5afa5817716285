/** Shared shapes and helpers for the DSTU2 and R4 renderers. */
import type { Coded, Demographics } from "../fixtures/facts";

export type FhirVersion = "dstu2" | "r4";
export interface Coding {
  system: string;
  code: string;
  display?: string;
}
export interface Meta {
  versionId: string;
  lastUpdated: string;
  security: Coding[];
}
/** A FHIR resource as served: JSON with an id and meta. */
export type FhirResource = { resourceType: string; id: string; meta: Meta } & Record<string, unknown>;

/** The real server's data categories (security labels), as the consent screen lists them. */
export const DATA_CATEGORIES = [
  "patient",
  "medications",
  "allergies",
  "immunizations",
  "problems",
  "procedures",
  "vital-signs",
  "laboratory",
  "smoking",
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const CATEGORY_SYSTEM = "http://smarthealthit.org/security/categories";
export const USERS_SYSTEM = "http://smarthealthit.org/security/users";

const SYSTEMS: Record<Coded["system"], string> = {
  loinc: "http://loinc.org",
  snomed: "http://snomed.info/sct",
  rxnorm: "http://www.nlm.nih.gov/research/umls/rxnorm",
  cvx: "http://hl7.org/fhir/sid/cvx",
  icd10: "http://hl7.org/fhir/sid/icd-10-cm",
  cpt: "http://www.ama-assn.org/go/cpt",
  ucum: "http://unitsofmeasure.org",
  sopt: "https://nahdo.org/sopt",
};

/** A CodeableConcept of one coding or several (e.g. SNOMED CT and ICD-10-CM); the first names the text. */
export function concept(coded: Coded, ...more: (Coded | undefined)[]): { coding: Coding[]; text: string } {
  const all = [coded, ...more.filter((c): c is Coded => c !== undefined)];
  return { coding: all.map((c) => ({ system: SYSTEMS[c.system], code: c.code, display: c.display })), text: coded.display };
}

export function meta(d: Demographics, category: DataCategory): Meta {
  return {
    versionId: d.versionId,
    lastUpdated: d.lastUpdated,
    security: [
      { system: CATEGORY_SYSTEM, code: category },
      { system: USERS_SYSTEM, code: `Patient/${d.id}` },
    ],
  };
}

export function categoryOf(resource: FhirResource): string | undefined {
  return resource.meta.security.find((s) => s.system === CATEGORY_SYSTEM)?.code;
}

export function narrative(name: string): { status: string; div: string } {
  const escaped = name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return { status: "generated", div: `<div xmlns="http://www.w3.org/1999/xhtml">        <p>${escaped}</p>      </div>` };
}

export function quantity(value: number, unit: string) {
  return { value, unit, system: "http://unitsofmeasure.org", code: unit };
}

export function observationCategory(category: string): DataCategory {
  return category === "social-history" ? "smoking" : (category as DataCategory);
}
