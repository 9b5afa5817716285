/**
 * A whole, deterministic, realistic record for one patient in DSTU2 or R4, of about `size`
 * resources (labs and vitals most of them, as in real records): for development data, the e2e
 * tests and the `dashboard` benchmark's 2,000-resource participant.
 */
import { allergy, bloodPressure, condition, documentReference, encounter, immunization, labResult, medicationOrder, medicationStatement, procedure, type FactoryVersion } from "./factories";

type Code = Parameters<typeof condition>[1]["code"];

const CONDITIONS: Code[] = [
  ["snomed", "38341003", "Hypertension"], ["snomed", "44054006", "Type 2 diabetes mellitus"], ["snomed", "55822004", "Hyperlipidemia"],
  ["snomed", "195967001", "Asthma"], ["snomed", "239873007", "Osteoarthritis of knee"], ["snomed", "235595009", "Gastroesophageal reflux disease"],
  ["snomed", "40930008", "Hypothyroidism"], ["snomed", "35489007", "Depressive disorder"],
];
const LABS: [Code, string, number, number][] = [
  [["loinc", "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"], "%", 4, 5.6],
  [["loinc", "2345-7", "Glucose [Mass/volume] in Serum or Plasma"], "mg/dL", 70, 99],
  [["loinc", "18262-6", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay"], "mg/dL", 0, 100],
  [["loinc", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma"], "mg/dL", 0.6, 1.3],
  [["loinc", "718-7", "Hemoglobin [Mass/volume] in Blood"], "g/dL", 12, 17.5],
  [["loinc", "2823-3", "Potassium [Moles/volume] in Serum or Plasma"], "mmol/L", 3.5, 5.1],
  [["loinc", "3016-3", "Thyrotropin [Units/volume] in Serum or Plasma"], "m[IU]/L", 0.4, 4],
  [["loinc", "2951-2", "Sodium [Moles/volume] in Serum or Plasma"], "mmol/L", 136, 145],
];
const VITALS: [Code, string, number, number][] = [
  [["loinc", "29463-7", "Body weight"], "kg", 55, 110],
  [["loinc", "8302-2", "Body height"], "cm", 150, 190],
  [["loinc", "8867-4", "Heart rate"], "/min", 60, 100],
  [["loinc", "39156-5", "Body mass index (BMI) [Ratio]"], "kg/m2", 18.5, 25],
  [["loinc", "8310-5", "Body temperature"], "Cel", 36.1, 37.2],
  [["loinc", "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"], "%", 95, 100],
];
const MEDICINES: [Code, string][] = [
  [["rxnorm", "314076", "lisinopril 10 MG Oral Tablet"], "Take 1 tablet by mouth once a day"],
  [["rxnorm", "860975", "metformin hydrochloride 500 MG Oral Tablet"], "Take 1 tablet by mouth twice a day with meals"],
  [["rxnorm", "617312", "atorvastatin 20 MG Oral Tablet"], "Take 1 tablet by mouth at bedtime"],
  [["rxnorm", "745679", "albuterol 90 MCG/ACTUAT Metered Dose Inhaler"], "2 puffs every 4 hours as needed for wheezing"],
  [["rxnorm", "966222", "levothyroxine sodium 0.05 MG Oral Tablet"], "Take 1 tablet by mouth every morning"],
  [["rxnorm", "198053", "omeprazole 20 MG Delayed Release Oral Capsule"], "Take 1 capsule by mouth before breakfast"],
];
const ALLERGIES: [Code, Code, "low" | "high", string][] = [
  [["rxnorm", "7980", "Penicillin G"], ["snomed", "247472004", "Hives"], "high", "medication"],
  [["snomed", "762952008", "Peanut"], ["snomed", "39579001", "Anaphylaxis"], "high", "food"],
  [["snomed", "256277009", "Grass pollen"], ["snomed", "76067001", "Sneezing"], "low", "environment"],
];
const VACCINES: Code[] = [
  ["cvx", "140", "Influenza, seasonal, injectable, preservative free"], ["cvx", "208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose"],
  ["cvx", "115", "Tdap"], ["cvx", "133", "Pneumococcal conjugate PCV 13"], ["cvx", "187", "Zoster vaccine recombinant"],
];
const PROCEDURES: Code[] = [
  ["snomed", "73761001", "Colonoscopy"], ["snomed", "609588000", "Total knee replacement"], ["snomed", "40701008", "Echocardiography"], ["snomed", "71651007", "Mammography"],
];
const VISITS: Code[] = [["snomed", "185349003", "Encounter for check up"], ["snomed", "185347001", "Encounter for problem"], ["snomed", "448337001", "Telemedicine consultation with patient"]];
const NOTES: [Code, string][] = [
  [["loinc", "11506-3", "Progress note"], "Progress note"], [["loinc", "18842-5", "Discharge summary"], "Discharge summary"],
  [["loinc", "34117-2", "History and physical note"], "History and physical"], [["loinc", "11488-4", "Consult note"], "Cardiology consult"],
];

/** A small deterministic PRNG (mulberry32): the same seed gives the same record. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About `size` resources (at least one of every kind) for `patientId`, dated over ten years before `until`. */
export function sampleRecord(version: FactoryVersion, patientId: string, { size = 60, seed = 1, until = "2026-11-01" }: { size?: number; seed?: number; until?: string } = {}) {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const end = Date.parse(`${until}T00:00:00Z`);
  const day = () => new Date(end - Math.floor(next() * 3650) * 86_400_000).toISOString().slice(0, 10);
  const time = () => `${day()}T${String(8 + Math.floor(next() * 9)).padStart(2, "0")}:${String(Math.floor(next() * 60)).padStart(2, "0")}:00Z`;
  const round = (n: number) => Math.round(n * 10) / 10;
  const share = (fraction: number, min = 1) => Math.max(min, Math.round(size * fraction));
  const p = { patientId };
  const out: ReturnType<typeof condition>[] = [];
  const id = (kind: string, i: number) => `${patientId}-${kind}-${i}`;
  for (let i = 0; i < share(0.03, 3); i++) out.push(condition(version, { ...p, id: id("cond", i), code: CONDITIONS[i % CONDITIONS.length]!, onset: day(), status: next() < 0.8 ? "active" : "resolved" }));
  for (let i = 0; i < share(0.03, 2); i++) {
    const [code, dosage] = MEDICINES[i % MEDICINES.length]!;
    out.push(i % 2 ? medicationStatement(version, { ...p, id: id("medstmt", i), code, dosage, date: day() }) : medicationOrder(version, { ...p, id: id("medorder", i), code, dosage, written: day(), status: next() < 0.7 ? "active" : "completed" }));
  }
  for (let i = 0; i < Math.min(ALLERGIES.length, share(0.01)); i++) {
    const [code, reaction, criticality, category] = ALLERGIES[i]!;
    out.push(allergy(version, { ...p, id: id("allergy", i), code, reaction, criticality, category, recorded: day() }));
  }
  for (let i = 0; i < share(0.03, 2); i++) out.push(immunization(version, { ...p, id: id("imm", i), code: pick(VACCINES), date: day() }));
  for (let i = 0; i < share(0.5); i++) {
    const [code, unit, low, high] = pick(LABS);
    const value = round(low + (high - low) * (next() * 1.4 - 0.2));
    out.push(labResult(version, { ...p, id: id("lab", i), code, unit, value, low, high, date: time(), ...(value > high ? { interpretation: "H" } : value < low ? { interpretation: "L" } : {}) }));
  }
  for (let i = 0; i < share(0.25); i++) {
    if (i % 4 === 0) out.push(bloodPressure(version, { ...p, id: id("bp", i), systolic: 105 + Math.floor(next() * 50), diastolic: 65 + Math.floor(next() * 30), date: time() }));
    else {
      const [code, unit, low, high] = pick(VITALS);
      out.push(labResult(version, { ...p, id: id("vital", i), code, unit, value: round(low + (high - low) * next()), date: time(), category: "vital-signs" }));
    }
  }
  for (let i = 0; i < share(0.03); i++) out.push(procedure(version, { ...p, id: id("proc", i), code: pick(PROCEDURES), date: time() }));
  for (let i = 0; i < share(0.1); i++) {
    const start = time();
    out.push(encounter(version, { ...p, id: id("enc", i), type: pick(VISITS), start, end: start.replace(/T(\d\d)/, (_, h: string) => `T${String(Math.min(23, Number(h) + 1)).padStart(2, "0")}`), setting: next() < 0.85 ? "outpatient" : "virtual", reason: pick(CONDITIONS), place: "Riverside Family Medicine" }));
  }
  for (let i = 0; i < share(0.02); i++) {
    const [type, title] = pick(NOTES);
    out.push(documentReference(version, { ...p, id: id("doc", i), type, title, date: time() }));
  }
  return out;
}
