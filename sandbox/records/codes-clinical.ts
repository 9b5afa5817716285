/** Codes of a generated chart: problems (SNOMED CT + ICD-10-CM), drugs (RxNorm), vaccines (CVX), procedures (SNOMED CT + CPT), and more. */
import type { Coded } from "../fixtures/facts";
import { A1C, CREATININE, EGFR, GLUCOSE, LDL, TSH, loinc, snomed, type PanelName } from "./codes-observations";

export const rxnorm = (code: string, display: string): Coded => ({ system: "rxnorm", code, display });
export const cvx = (code: string, display: string): Coded => ({ system: "cvx", code, display });
const icd10 = (code: string, display: string): Coded => ({ system: "icd10", code, display });
const cpt = (code: string, display: string): Coded => ({ system: "cpt", code, display });

export interface DrugCode {
  code: Coded;
  dosage: string;
  /** Tablets (or units) dispensed for 30 days. */
  perMonth: number;
}
const drug = (code: string, display: string, dosage: string, perMonth = 30): DrugCode => ({ code: rxnorm(code, display), dosage, perMonth });

export const DRUGS = {
  lisinopril: drug("314076", "lisinopril 10 MG Oral Tablet", "1 tablet by mouth once daily"),
  amlodipine: drug("197361", "amlodipine 5 MG Oral Tablet", "1 tablet by mouth once daily"),
  hydrochlorothiazide: drug("310798", "hydrochlorothiazide 25 MG Oral Tablet", "1 tablet by mouth every morning"),
  metformin: drug("861007", "metformin hydrochloride 500 MG Oral Tablet", "1 tablet by mouth twice daily with meals", 60),
  atorvastatin: drug("617310", "atorvastatin 20 MG Oral Tablet", "1 tablet by mouth at bedtime"),
  simvastatin: drug("312961", "simvastatin 20 MG Oral Tablet", "1 tablet by mouth every evening"),
  levothyroxine: drug("966222", "levothyroxine sodium 0.075 MG Oral Tablet", "1 tablet by mouth every morning on an empty stomach"),
  albuterol: drug("745679", "200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", "2 puffs every 4 hours as needed for wheezing", 1),
  fluticasone: drug("895994", "120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler", "2 puffs twice daily", 1),
  metoprolol: drug("866436", "metoprolol succinate 50 MG Extended Release Oral Tablet", "1 tablet by mouth once daily"),
  allopurinol: drug("197319", "allopurinol 100 MG Oral Tablet", "1 tablet by mouth once daily"),
  acetaminophen: drug("313782", "acetaminophen 325 MG Oral Tablet", "2 tablets by mouth every 6 hours as needed for pain", 60),
  naproxen: drug("849574", "naproxen sodium 220 MG Oral Tablet", "1 tablet by mouth every 12 hours as needed for pain", 30),
  ibuprofen: drug("310965", "ibuprofen 200 MG Oral Tablet", "2 tablets by mouth every 6 hours as needed for pain", 40),
  amoxicillin: drug("308182", "amoxicillin 250 MG Oral Capsule", "2 capsules by mouth three times daily for 10 days", 60),
  amoxicillinClavulanate: drug("562251", "amoxicillin 250 MG / clavulanate 125 MG Oral Tablet", "1 tablet by mouth three times daily for 7 days", 21),
  penicillinV: drug("834061", "penicillin V potassium 250 MG Oral Tablet", "1 tablet by mouth four times daily for 10 days", 40),
};

/** A long-term problem: what it brings to a chart (drugs, labs and how they run, a care plan, a goal, a device). */
export interface Chronic {
  code: Coded;
  icd10: Coded;
  drugs: DrugCode[];
  panels: PanelName[];
  /** LOINC code → the typical value with this problem (outside the reference range, so flagged). */
  shifts: Record<string, number>;
  activities: Coded[];
  goal?: { description: string; measure: Coded; target: string };
  device?: Coded;
  /** Systolic blood pressure added at visits. */
  systolic?: number;
}

const HEALTHY_DIET = snomed("226234005", "Healthy diet");
const EXERCISE = snomed("229065009", "Exercise therapy");

export const CHRONIC: Chronic[] = [
  {
    code: snomed("59621000", "Essential hypertension"), icd10: icd10("I10", "Essential (primary) hypertension"),
    drugs: [DRUGS.lisinopril, DRUGS.amlodipine, DRUGS.hydrochlorothiazide], panels: ["bmp"], shifts: {}, systolic: 16,
    activities: [snomed("443402002", "Lifestyle education regarding hypertension"), HEALTHY_DIET],
    goal: { description: "Blood pressure below 130/80", measure: loinc("85354-9", "Blood pressure panel with all children optional"), target: "< 130/80 mm[Hg]" },
  },
  {
    code: snomed("44054006", "Diabetes mellitus type 2"), icd10: icd10("E11.9", "Type 2 diabetes mellitus without complications"),
    drugs: [DRUGS.metformin], panels: ["a1c", "bmp"], shifts: { [A1C.code.code]: 7.6, [GLUCOSE.code.code]: 152 },
    activities: [snomed("698360004", "Diabetes self management plan"), EXERCISE],
    goal: { description: "Hemoglobin A1c below 7%", measure: A1C.code, target: "< 7 %" },
    device: snomed("337414009", "Blood glucose meters (physical object)"),
  },
  {
    code: snomed("55822004", "Hyperlipidemia"), icd10: icd10("E78.5", "Hyperlipidemia, unspecified"),
    drugs: [DRUGS.atorvastatin, DRUGS.simvastatin], panels: ["lipid"], shifts: { [LDL.code.code]: 152, "2093-3": 238 },
    activities: [HEALTHY_DIET], goal: { description: "LDL cholesterol below 100 mg/dL", measure: LDL.code, target: "< 100 mg/dL" },
  },
  {
    code: snomed("195967001", "Asthma"), icd10: icd10("J45.909", "Unspecified asthma, uncomplicated"),
    drugs: [DRUGS.albuterol, DRUGS.fluticasone], panels: ["cbc"], shifts: {},
    activities: [snomed("710081004", "Smoking cessation therapy")], device: snomed("334990001", "Peak flow meter (physical object)"),
  },
  {
    code: snomed("433144002", "Chronic kidney disease stage 3"), icd10: icd10("N18.30", "Chronic kidney disease, stage 3 unspecified"),
    drugs: [], panels: ["bmp", "cbc"], shifts: { [CREATININE.code.code]: 1.7, [EGFR.code.code]: 44, "3094-0": 27 }, activities: [HEALTHY_DIET],
  },
  {
    code: snomed("40930008", "Hypothyroidism"), icd10: icd10("E03.9", "Hypothyroidism, unspecified"),
    drugs: [DRUGS.levothyroxine], panels: ["tsh"], shifts: { [TSH.code.code]: 6.2 }, activities: [],
  },
  {
    code: snomed("239873007", "Osteoarthritis of knee"), icd10: icd10("M17.9", "Osteoarthritis of knee, unspecified"),
    drugs: [DRUGS.acetaminophen, DRUGS.naproxen], panels: [], shifts: {}, activities: [EXERCISE],
  },
  {
    code: snomed("49436004", "Atrial fibrillation"), icd10: icd10("I48.91", "Unspecified atrial fibrillation"),
    drugs: [DRUGS.metoprolol], panels: ["bmp", "tsh"], shifts: {}, activities: [], device: snomed("706004007", "Implantable cardiac pacemaker (physical object)"),
  },
  {
    code: snomed("90560007", "Gout"), icd10: icd10("M10.9", "Gout, unspecified"), drugs: [DRUGS.allopurinol], panels: ["bmp"], shifts: {}, activities: [HEALTHY_DIET],
  },
  {
    code: snomed("35489007", "Depressive disorder"), icd10: icd10("F32.A", "Depression, unspecified"),
    drugs: [], panels: ["tsh"], shifts: {}, activities: [snomed("75516001", "Psychotherapy")],
  },
  {
    code: snomed("235595009", "Gastroesophageal reflux disease"), icd10: icd10("K21.9", "Gastro-esophageal reflux disease without esophagitis"),
    drugs: [], panels: ["cbc"], shifts: {}, activities: [HEALTHY_DIET],
  },
];

/** A short illness seen at an acute visit: resolved weeks later, sometimes with a drug and a test. */
export interface Acute {
  code: Coded;
  icd10: Coded;
  drug?: DrugCode;
  procedure?: { code: Coded; cpt?: Coded };
}
const THROAT_CULTURE = { code: snomed("117015009", "Throat culture (procedure)"), cpt: cpt("87880", "Infectious agent antigen detection by immunoassay with direct optical observation; Streptococcus, group A") };
export const ACUTE: Acute[] = [
  { code: snomed("10509002", "Acute bronchitis"), icd10: icd10("J20.9", "Acute bronchitis, unspecified"), drug: DRUGS.acetaminophen },
  { code: snomed("444814009", "Viral sinusitis"), icd10: icd10("J01.90", "Acute sinusitis, unspecified"), drug: DRUGS.amoxicillinClavulanate },
  { code: snomed("43878008", "Streptococcal sore throat"), icd10: icd10("J02.0", "Streptococcal pharyngitis"), drug: DRUGS.penicillinV, procedure: THROAT_CULTURE },
  { code: snomed("195662009", "Acute viral pharyngitis"), icd10: icd10("J02.9", "Acute pharyngitis, unspecified"), procedure: THROAT_CULTURE },
  { code: snomed("68566005", "Urinary tract infection"), icd10: icd10("N39.0", "Urinary tract infection, site not specified"), drug: DRUGS.amoxicillin },
  { code: snomed("44465007", "Sprain of ankle"), icd10: icd10("S93.401A", "Sprain of unspecified ligament of right ankle, initial encounter"), drug: DRUGS.ibuprofen },
  { code: snomed("65363002", "Otitis media"), icd10: icd10("H66.90", "Otitis media, unspecified, unspecified ear"), drug: DRUGS.amoxicillin },
];

export const VACCINES = {
  flu: cvx("150", "Influenza, injectable, quadrivalent, preservative free"),
  covid: cvx("208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose"),
  tdap: cvx("115", "Tdap"),
  shingles: cvx("187", "zoster vaccine recombinant"),
  pneumococcal: cvx("133", "Pneumococcal conjugate PCV 13"),
  ppsv23: cvx("33", "pneumococcal polysaccharide vaccine, 23 valent"),
  hepB: cvx("43", "Hep B, adult"),
  hpv: cvx("62", "HPV, quadrivalent"),
};

export const PROCEDURES = {
  ecg: { code: snomed("29303009", "Electrocardiographic procedure"), cpt: cpt("93000", "Electrocardiogram, routine ECG with at least 12 leads; with interpretation and report") },
  colonoscopy: { code: snomed("73761001", "Colonoscopy (procedure)"), cpt: cpt("45378", "Colonoscopy, flexible; diagnostic") },
  mammography: { code: snomed("24623002", "Screening mammography (procedure)"), cpt: cpt("77067", "Screening mammography, bilateral (2-view study of each breast), including computer-aided detection (CAD) when performed") },
  spirometry: { code: snomed("127783003", "Spirometry (procedure)"), cpt: cpt("94010", "Spirometry, including graphic record, total and timed vital capacity, expiratory flow rate measurement(s), with or without maximal voluntary ventilation") },
  depressionScreening: { code: snomed("171207006", "Depression screening (procedure)"), cpt: cpt("96127", "Brief emotional/behavioral assessment, with scoring and documentation, per standardized instrument") },
  reconciliation: { code: snomed("430193006", "Medication reconciliation (procedure)") },
  eyeExam: { code: snomed("36228007", "Ophthalmic examination and evaluation (procedure)") },
  woundRepair: { code: snomed("288086009", "Suture open wound (procedure)"), cpt: cpt("12001", "Simple repair of superficial wounds of scalp, neck, axillae, external genitalia, trunk and/or extremities (including hands and feet); 2.5 cm or less") },
};

export type VisitKind = "wellness" | "follow-up" | "acute" | "lab" | "immunization" | "emergency";
export const ENCOUNTER_TYPES: Record<VisitKind, { type: Coded; cpt?: Coded; minutes: number }> = {
  wellness: { type: snomed("185349003", "Encounter for check up (procedure)"), cpt: cpt("99396", "Periodic comprehensive preventive medicine reevaluation and management of an established patient, 40-64 years"), minutes: 40 },
  "follow-up": { type: snomed("390906007", "Follow-up encounter (procedure)"), cpt: cpt("99214", "Office or other outpatient visit for the evaluation and management of an established patient, moderate level of medical decision making"), minutes: 25 },
  acute: { type: snomed("185345009", "Encounter for symptom (procedure)"), cpt: cpt("99213", "Office or other outpatient visit for the evaluation and management of an established patient, low level of medical decision making"), minutes: 20 },
  lab: { type: snomed("308335008", "Patient encounter procedure (procedure)"), minutes: 10 },
  immunization: { type: snomed("33879002", "Administration of vaccine to produce active immunity (procedure)"), cpt: cpt("90471", "Immunization administration; 1 vaccine"), minutes: 10 },
  emergency: { type: snomed("50849002", "Emergency room admission (procedure)"), cpt: cpt("99283", "Emergency department visit for the evaluation and management of a patient, low level of medical decision making"), minutes: 180 },
};
export const SENIOR_WELLNESS = cpt("99397", "Periodic comprehensive preventive medicine reevaluation and management of an established patient, 65 years and older");

export const DOCUMENT_TYPES: Record<VisitKind, Coded> = {
  wellness: loinc("34117-2", "History and physical note"),
  "follow-up": loinc("11506-3", "Progress note"),
  acute: loinc("11506-3", "Progress note"),
  lab: loinc("11506-3", "Progress note"),
  immunization: loinc("11506-3", "Progress note"),
  emergency: loinc("34111-5", "Emergency department note"),
};

export const ALLERGENS: { substance: Coded; category: "food" | "medication" | "environment" }[] = [
  { substance: rxnorm("723", "amoxicillin"), category: "medication" },
  { substance: rxnorm("2670", "codeine"), category: "medication" },
  { substance: rxnorm("1191", "aspirin"), category: "medication" },
  { substance: rxnorm("7052", "morphine"), category: "medication" },
  { substance: snomed("227493005", "Cashew nut"), category: "food" },
  { substance: snomed("44027008", "Seafood"), category: "food" },
  { substance: snomed("102263004", "Eggs (edible)"), category: "food" },
  { substance: snomed("111088007", "Latex"), category: "environment" },
  { substance: snomed("256277009", "Grass pollen"), category: "environment" },
  { substance: snomed("264287008", "Animal dander"), category: "environment" },
  { substance: snomed("288328004", "Bee venom"), category: "environment" },
];
export const REACTIONS = [
  snomed("247472004", "Hives"), snomed("271807003", "Eruption of skin"), snomed("267036007", "Dyspnea"), snomed("422587007", "Nausea"),
  snomed("418290006", "Itching"), snomed("49727002", "Cough"), snomed("39579001", "Anaphylaxis"),
];

export const CARE_TEAM_ROLES = {
  primaryCare: snomed("446050000", "Primary care physician"),
  nurse: snomed("224535009", "Registered nurse"),
  pharmacist: snomed("46255001", "Pharmacist"),
};

export const DEFAULT_DEVICE = snomed("6012004", "Hearing aid, device (physical object)");
export const STENT = snomed("705643001", "Coronary artery stent (physical object)");

/** Source of Payment Typology (PHDSC), as US Core Coverage.type uses it. */
export const PAYER_TYPES: Record<"medicare" | "private", Coded> = {
  medicare: { system: "sopt", code: "1", display: "MEDICARE" },
  private: { system: "sopt", code: "5", display: "PRIVATE HEALTH INSURANCE" },
};
