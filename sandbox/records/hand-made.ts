/** The fixtures' hand-made clinical facts as record entries (keys are the fixtures' ids, e.g. `weight`). */
import type { PatientRecord } from "../fixtures/facts";
import type { Entry } from "./entry";

export function handMadeEntries(record: PatientRecord): Entry[] {
  const d = record.demographics;
  const base = { updated: d.lastUpdated, version: Number(d.versionId) };
  const out: Entry[] = [];
  for (const o of record.observations) {
    out.push({ kind: "observation", key: o.id, ...base, category: o.category, code: o.code, value: o.value, effective: o.date });
  }
  for (const c of record.conditions) {
    out.push({ kind: "condition", key: c.id, ...base, code: c.code, clinicalStatus: c.clinicalStatus, category: "problem-list-item", onset: c.onset, recorded: c.recorded });
  }
  for (const a of record.allergies) {
    out.push({ kind: "allergy", key: a.id, ...base, substance: a.substance, category: a.category, criticality: a.criticality, reaction: a.reaction, recorded: a.recorded });
  }
  for (const m of record.medications) {
    const common = { key: m.id, ...base, drug: { code: m.medication }, dosage: m.dosage };
    out.push({ kind: "medication-request", ...common, written: m.written, status: m.status });
    out.push({ kind: "medication-statement", ...common, effective: m.written, status: m.status });
  }
  for (const i of record.immunizations) out.push({ kind: "immunization", key: i.id, ...base, vaccine: i.vaccine, date: i.date });
  return out;
}
