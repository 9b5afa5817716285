/**
 * Minimal FHIR types for the Patient resource, in both the DSTU2 and the R4 shape.
 *
 * Only the elements this portal formats are described. Everything is optional because
 * a Patient comes from a foreign EHR and must never be trusted to be complete: even
 * after `parsePatient`, a field may be absent because it was missing or had the wrong type.
 *
 * Differences between the versions that matter here:
 * - `HumanName.family` is `string[]` in DSTU2 and `string` in R4.
 * - v2-0203 identifier type codes use `http://hl7.org/fhir/v2/0203` in DSTU2 and
 *   `http://terminology.hl7.org/CodeSystem/v2-0203` in R4.
 * - `ContactPoint.system` gained `url` and `sms` in R4 (DSTU2: phone | fax | email | pager | other).
 */

/** The two FHIR versions SMART on FHIR EHRs commonly serve. */
export type FhirVersion = "DSTU2" | "R4";

/** v2-0203 identifier type code system (DSTU2). */
export const V2_0203_DSTU2 = "http://hl7.org/fhir/v2/0203";
/** v2-0203 identifier type code system (R4). */
export const V2_0203_R4 = "http://terminology.hl7.org/CodeSystem/v2-0203";

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
  userSelected?: boolean;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Period {
  /** FHIR dateTime. */
  start?: string;
  /** FHIR dateTime. */
  end?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

/**
 * A HumanName in either shape. Formatters accept both; use the version-specific aliases
 * below when a value is known to come from one version.
 */
export interface HumanName {
  /** usual | official | temp | nickname | anonymous | old | maiden */
  use?: string;
  text?: string;
  /** DSTU2: a list of parts (e.g. `["van", "Beethoven"]`); R4: a single string. */
  family?: string | string[];
  given?: string[];
  prefix?: string[];
  suffix?: string[];
  period?: Period;
}

/** DSTU2 HumanName: `family` is a list. */
export type HumanNameDstu2 = HumanName & { family?: string[] };

/** R4 HumanName: `family` is a single string. */
export type HumanNameR4 = HumanName & { family?: string };

export interface ContactPoint {
  /** phone | fax | email | pager | url | sms | other (url and sms are R4 only). */
  system?: string;
  value?: string;
  /** home | work | temp | old | mobile */
  use?: string;
  rank?: number;
  period?: Period;
}

export interface Address {
  /** home | work | temp | old | billing (billing is R4 only). */
  use?: string;
  /** postal | physical | both */
  type?: string;
  text?: string;
  line?: string[];
  city?: string;
  district?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  period?: Period;
}

export interface Identifier {
  /** usual | official | temp | secondary | old (old is R4 only). */
  use?: string;
  type?: CodeableConcept;
  system?: string;
  value?: string;
  period?: Period;
  assigner?: Reference;
}

export interface Narrative {
  /** generated | extensions | additional | empty */
  status?: string;
  /** XHTML from a foreign server. Never render as HTML; see `narrativeText`. */
  div?: string;
}

export interface PatientCommunication {
  language?: CodeableConcept;
  preferred?: boolean;
}

/**
 * A Patient resource in either DSTU2 or R4 shape. Unknown elements are kept (index signature)
 * so the raw JSON can still be shown, but only the typed ones are formatted.
 */
export interface Patient {
  resourceType?: "Patient";
  id?: string;
  meta?: unknown;
  text?: Narrative;
  identifier?: Identifier[];
  active?: boolean;
  name?: HumanName[];
  telecom?: ContactPoint[];
  /** male | female | other | unknown */
  gender?: string;
  /** FHIR date: YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
  deceasedBoolean?: boolean;
  /** FHIR dateTime. */
  deceasedDateTime?: string;
  address?: Address[];
  maritalStatus?: CodeableConcept;
  communication?: PatientCommunication[];
  managingOrganization?: Reference;
  [element: string]: unknown;
}
