/** The pieces a visit is made of: the encounter, vital signs, lab orders with results and reports, drugs, notes. */
import type { Coded } from "../fixtures/facts";
import type { Chart } from "./chart";
import { DAY_MS, iso } from "./chart";
import { ENCOUNTER_TYPES, SENIOR_WELLNESS, type DrugCode, type VisitKind } from "./codes-clinical";
import { PANELS, VITALS, type PanelName } from "./codes-observations";
import type { Entry, EncounterEntry, ObservationEntry } from "./entry";
import { LOCATIONS, ORGANIZATIONS, STAFF, medicationId } from "./shared";

export interface Visit {
  kind: VisitKind;
  /** When it began (ms). */
  at: number;
  /** Its place in the chart, newest first: 0 is the most recent visit. */
  index: number;
  /** The encounter's key, once made. */
  encounter?: string;
  /** The clinician who saw the patient. */
  practitioner: string;
}

const MINUTE = 60_000;

/** Key, meta.lastUpdated and meta.versionId for an entry recorded `delayMinutes` after `at`; a few were amended later. */
export function stamp(chart: Chart, at: number, delayMinutes: number): { key: string; updated: string; version: number } {
  const updated = at + delayMinutes * MINUTE;
  if (chart.chance(0.08)) return { key: chart.key(), updated: iso(updated + (1 + chart.int(20)) * DAY_MS), version: 2 };
  return { key: chart.key(), updated: iso(updated), version: 1 };
}

const PEDIATRIC_WELLNESS: [number, Coded][] = [
  [5, { system: "cpt", code: "99392", display: "Periodic comprehensive preventive medicine reevaluation and management of an established patient, early childhood (age 1 through 4 years)" }],
  [12, { system: "cpt", code: "99393", display: "Periodic comprehensive preventive medicine reevaluation and management of an established patient, late childhood (age 5 through 11 years)" }],
  [18, { system: "cpt", code: "99394", display: "Periodic comprehensive preventive medicine reevaluation and management of an established patient, adolescent (age 12 through 17 years)" }],
  [40, { system: "cpt", code: "99395", display: "Periodic comprehensive preventive medicine reevaluation and management of an established patient, 18-39 years" }],
];

export function encounter(chart: Chart, v: Visit, reason?: string): EncounterEntry {
  const type = ENCOUNTER_TYPES[v.kind];
  const age = chart.ageAt(v.at);
  let cpt = type.cpt;
  if (v.kind === "wellness") cpt = age >= 65 ? SENIOR_WELLNESS : (PEDIATRIC_WELLNESS.find(([below]) => age < below)?.[1] ?? type.cpt);
  const place =
    v.kind === "emergency" ? { location: LOCATIONS.emergency.id, organization: ORGANIZATIONS.hospital.id }
    : v.kind === "lab" ? { location: LOCATIONS.lab.id, organization: ORGANIZATIONS.lab.id }
    : { location: chart.clinicLocation.id, organization: chart.clinic.id };
  const end = v.at + type.minutes * MINUTE;
  const e: EncounterEntry = {
    kind: "encounter", ...stamp(chart, end, 90), type: type.type, ...(cpt ? { cpt } : {}), class: v.kind === "emergency" ? "EMER" : "AMB",
    start: iso(v.at), end: iso(end), practitioner: v.practitioner, ...place, ...(reason ? { reason } : {}),
    // Every other encounter comes without meta in DSTU2 (see the README).
    ...(v.index % 2 === 1 ? { dstu2WithoutMeta: true } : {}),
  };
  v.encounter = e.key;
  return e;
}

function observation(chart: Chart, v: Visit, fields: Omit<ObservationEntry, "kind" | "key" | "updated" | "version" | "effective">, minutes = 5): ObservationEntry {
  const at = v.at + minutes * MINUTE;
  return { kind: "observation", ...stamp(chart, at, 15), effective: iso(at), ...(v.encounter ? { encounter: v.encounter } : {}), ...fields };
}
const q = (value: number, unit: string) => ({ value, unit });

/** Vital signs: `brief` (blood pressure and weight), `rest` (the others), or `all`. */
export function vitals(chart: Chart, v: Visit, which: "brief" | "rest" | "all", fever = false): ObservationEntry[] {
  const nurse = chart.nurse.id;
  const extra = chart.problems.reduce((n, p) => n + (p.systolic ?? 0), 0);
  const systolic = chart.around(118 + extra, 8);
  const weight = chart.around(chart.weightKg, 1.5, 1);
  const vital = (code: Coded, value: number, unit: string) => observation(chart, v, { category: "vital-signs", code, value: q(value, unit), performer: nurse });
  const brief = [
    observation(chart, v, {
      category: "vital-signs", code: VITALS.bloodPressure, performer: nurse,
      components: [{ code: VITALS.systolic, value: q(systolic, "mm[Hg]") }, { code: VITALS.diastolic, value: q(chart.around(systolic * 0.62, 5), "mm[Hg]") }],
    }),
    vital(VITALS.weight, weight, "kg"),
  ];
  if (which === "brief") return brief;
  const rest = [
    vital(VITALS.heartRate, chart.around(fever ? 96 : 74, 8), "/min"),
    vital(VITALS.respiratoryRate, chart.around(fever ? 20 : 15, 1.5), "/min"),
    vital(VITALS.temperature, chart.around(fever ? 38.4 : 36.8, 0.2, 1), "Cel"),
    vital(VITALS.oxygen, Math.min(100, chart.around(fever ? 95 : 97.5, 1)), "%"),
    vital(VITALS.height, chart.around(chart.heightCm, 0.4, 1), "cm"),
    vital(VITALS.bmi, Math.round((weight / (chart.heightCm / 100) ** 2) * 10) / 10, "kg/m2"),
  ];
  return which === "rest" ? rest : [...brief, ...rest];
}

/** A lab order, its results (flagged against their reference ranges) and the report that gathers them. */
export function labPanel(chart: Chart, v: Visit, name: PanelName): Entry[] {
  const panel = PANELS[name];
  const order: Entry = {
    kind: "service-request", ...stamp(chart, v.at, 10), code: panel.code, category: "laboratory", authored: iso(v.at),
    requester: v.practitioner, ...(v.encounter ? { encounter: v.encounter } : {}),
    ...(chart.problems[0] ? { reason: chart.problemKeys.get(chart.problems[0].code.code) } : {}),
  };
  const collected = v.at + 20 * MINUTE;
  const issued = iso(collected + (4 + chart.int(20)) * 60 * MINUTE);
  const shifts = Object.assign({}, ...chart.problems.map((p) => p.shifts)) as Record<string, number>;
  const results = panel.tests.map((t) => {
    const value = Math.max(0, chart.around(shifts[t.code.code] ?? t.mean, t.sd, t.decimals));
    const interpretation = t.high !== undefined && value > t.high ? "H" : t.low !== undefined && value < t.low ? "L" : "N";
    return observation(chart, v, {
      category: "laboratory", code: t.code, value: q(value, t.unit), issued, interpretation,
      range: { ...(t.low === undefined ? {} : { low: t.low }), ...(t.high === undefined ? {} : { high: t.high }), unit: t.unit },
    }, 20);
  });
  const report: Entry = {
    kind: "diagnostic-report", ...stamp(chart, Date.parse(issued), 5), code: panel.code, effective: iso(collected), issued,
    results: results.map((r) => r.key), basedOn: order.key, performer: ORGANIZATIONS.lab.id, ...(v.encounter ? { encounter: v.encounter } : {}),
  };
  return [order, ...results, report];
}

/** A prescription, with the patient's own statement of taking it (when asked) and the pharmacy's dispense. */
export function prescription(chart: Chart, v: Visit, drug: DrugCode, status: "active" | "completed", options: { reason?: string; statement?: boolean; since?: number }): Entry[] {
  const supplyDays = drug.perMonth <= 1 ? 30 : status === "active" ? 90 : Math.max(7, Math.round((drug.perMonth / 30) * 10));
  const shared = chart.int(2) === 0 ? { shared: medicationId(drug.code.code) } : {};
  const common = { drug: { code: drug.code, ...shared }, dosage: drug.dosage };
  const request: Entry = {
    kind: "medication-request", ...stamp(chart, v.at, 30), ...common, written: iso(v.at), status, requester: v.practitioner,
    ...(v.encounter ? { encounter: v.encounter } : {}), ...(options.reason ? { reason: options.reason } : {}),
    refills: status === "active" ? 3 : 0, supplyDays,
  };
  const handedOver = v.at + (1 + chart.int(2)) * DAY_MS;
  const dispense: Entry = {
    kind: "medication-dispense", ...stamp(chart, handedOver, 10), ...common, prescription: request.key, handedOver: iso(handedOver),
    quantity: Math.max(1, Math.round((drug.perMonth * supplyDays) / 30)), supplyDays, pharmacist: STAFF.pharmacist.id,
  };
  if (!options.statement) return [request, dispense];
  const statement: Entry = {
    kind: "medication-statement", ...stamp(chart, v.at, 35), ...common, effective: iso(options.since ?? v.at), status, asserted: iso(v.at),
  };
  return [request, statement, dispense];
}

/** The visit's clinical note: its metadata is a DocumentReference, its text a Binary. */
export function note(chart: Chart, v: Visit, type: Coded, title: string, lines: string[]): Entry {
  const signed = v.at + (2 + chart.int(30)) * 60 * MINUTE;
  return {
    kind: "document", ...stamp(chart, signed, 1), type, title, date: iso(signed), author: v.practitioner,
    custodian: v.kind === "emergency" ? ORGANIZATIONS.hospital.id : chart.clinic.id,
    ...(v.encounter ? { encounter: v.encounter } : {}), text: lines.join("\n"),
  };
}
