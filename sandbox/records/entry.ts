/**
 * A patient's record as version-neutral entries: one clinical fact each, rendered as one DSTU2 and one R4
 * resource (or none where that version or the S4S proxy lacks the type). Keys are id suffixes: the resource
 * id is `<patient id>-<key>`. Other entries are named by key; shared resources (Practitioner, Organization,
 * Location, Medication) by their own ids.
 */
import type { Coded, Quantity } from "../fixtures/facts";

export type ObservationCategory = "laboratory" | "vital-signs" | "social-history" | "survey" | "exam";

interface Base {
  key: string;
  /** meta.lastUpdated (ISO instant). */
  updated: string;
  /** meta.versionId. */
  version: number;
  /** Set when the sandbox changed the entry (`/_sandbox/records/touch`): rendered as the resource's narrative. */
  note?: string;
}

export interface ObservationEntry extends Base {
  kind: "observation";
  category: ObservationCategory;
  code: Coded;
  value?: Quantity | Coded | string;
  components?: { code: Coded; value: Quantity }[];
  effective: string;
  issued?: string;
  range?: { low?: number; high?: number; unit: string };
  interpretation?: "N" | "H" | "L";
  encounter?: string;
  performer?: string;
}
export interface ConditionEntry extends Base {
  kind: "condition";
  code: Coded;
  icd10?: Coded;
  clinicalStatus: "active" | "resolved";
  category: "problem-list-item" | "encounter-diagnosis";
  onset: string;
  abatement?: string;
  recorded: string;
  encounter?: string;
  recorder?: string;
}
export interface AllergyEntry extends Base {
  kind: "allergy";
  substance: Coded;
  category: "food" | "medication" | "environment";
  criticality: "low" | "high";
  reaction: Coded;
  severity?: "mild" | "moderate" | "severe";
  recorded: string;
  recorder?: string;
}
/** A drug: RxNorm coded; `shared` names the Medication resource when the record references one. */
export interface Drug {
  code: Coded;
  shared?: string;
}
export interface MedicationRequestEntry extends Base {
  kind: "medication-request";
  drug: Drug;
  dosage: string;
  written: string;
  status: "active" | "completed" | "stopped";
  requester?: string;
  encounter?: string;
  reason?: string;
  refills?: number;
  supplyDays?: number;
}
export interface MedicationStatementEntry extends Base {
  kind: "medication-statement";
  drug: Drug;
  dosage: string;
  effective: string;
  status: "active" | "completed";
  asserted?: string;
}
export interface MedicationDispenseEntry extends Base {
  kind: "medication-dispense";
  drug: Drug;
  prescription: string;
  handedOver: string;
  quantity: number;
  supplyDays: number;
  dosage: string;
  pharmacist?: string;
}
export interface ImmunizationEntry extends Base {
  kind: "immunization";
  vaccine: Coded;
  date: string;
  performer?: string;
  encounter?: string;
  lot?: string;
}
export interface ProcedureEntry extends Base {
  kind: "procedure";
  code: Coded;
  cpt?: Coded;
  performed: string;
  performer?: string;
  encounter?: string;
  reason?: string;
  location?: string;
}
export interface EncounterEntry extends Base {
  kind: "encounter";
  type: Coded;
  cpt?: Coded;
  class: "AMB" | "EMER";
  start: string;
  end: string;
  practitioner: string;
  location: string;
  organization: string;
  reason?: string;
  /** DSTU2 renders this one without `meta`, as some servers do (clients must fall back on a content hash). */
  dstu2WithoutMeta?: boolean;
}
export interface DiagnosticReportEntry extends Base {
  kind: "diagnostic-report";
  code: Coded;
  effective: string;
  issued: string;
  results: string[];
  basedOn?: string;
  performer: string;
  encounter?: string;
}
export interface ServiceRequestEntry extends Base {
  kind: "service-request";
  code: Coded;
  category: "laboratory" | "procedure";
  authored: string;
  requester: string;
  encounter?: string;
  reason?: string;
}
export interface DocumentEntry extends Base {
  kind: "document";
  type: Coded;
  title: string;
  date: string;
  author: string;
  custodian: string;
  encounter?: string;
  /** The note itself, served as the attachment's Binary. */
  text: string;
}
export interface CarePlanEntry extends Base {
  kind: "care-plan";
  title: string;
  activities: Coded[];
  addresses: string[];
  start: string;
  author: string;
}
export interface CareTeamEntry extends Base {
  kind: "care-team";
  name: string;
  members: { role: Coded; practitioner: string }[];
  organization: string;
  start: string;
}
export interface GoalEntry extends Base {
  kind: "goal";
  description: string;
  measure?: Coded;
  target?: string;
  due?: string;
  start: string;
  addresses?: string;
  expressedBy: string;
}
export interface DeviceEntry extends Base {
  kind: "device";
  type: Coded;
  udi: string;
  deviceId: string;
  manufacturer: string;
  model: string;
  manufactured: string;
  expires: string;
  lot: string;
}
export interface CoverageEntry extends Base {
  kind: "coverage";
  payer: string;
  payerType: Coded;
  subscriberId: string;
  plan: string;
  group: string;
  start: string;
}

export type Entry =
  | ObservationEntry | ConditionEntry | AllergyEntry | MedicationRequestEntry | MedicationStatementEntry
  | MedicationDispenseEntry | ImmunizationEntry | ProcedureEntry | EncounterEntry | DiagnosticReportEntry
  | ServiceRequestEntry | DocumentEntry | CarePlanEntry | CareTeamEntry | GoalEntry | DeviceEntry | CoverageEntry;
export type EntryKind = Entry["kind"];

/** An entry's identity in the sandbox: kind and key (a MedicationRequest and a MedicationStatement share keys). */
export const entryId = (e: Pick<Entry, "kind" | "key">): string => `${e.kind}:${e.key}`;
