/** Observation codes of a generated chart: vital signs, lab panels with reference ranges, surveys, exams, social history. */
import type { Coded } from "../fixtures/facts";

export const loinc = (code: string, display: string): Coded => ({ system: "loinc", code, display });
export const snomed = (code: string, display: string): Coded => ({ system: "snomed", code, display });

/** A lab test: UCUM unit, reference range, a typical value (mean, spread) and the decimals it is reported with. */
export interface LabTest {
  code: Coded;
  unit: string;
  low?: number;
  high?: number;
  mean: number;
  sd: number;
  decimals: number;
}
export interface Panel {
  /** The order and the report's code: a panel, or the one test. */
  code: Coded;
  tests: LabTest[];
}

const test = (code: string, display: string, unit: string, low: number | undefined, high: number | undefined, mean: number, sd: number, decimals = 0): LabTest => ({
  code: loinc(code, display), unit, ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }), mean, sd, decimals,
});

export const GLUCOSE = test("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70, 99, 92, 8);
export const CREATININE = test("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6, 1.3, 0.95, 0.15, 2);
export const EGFR = test("33914-3", "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)", "mL/min/{1.73_m2}", 60, undefined, 92, 12);
export const LDL = test("18262-6", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay", "mg/dL", undefined, 100, 104, 22);
export const A1C = test("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4, 5.6, 5.3, 0.3, 1);
export const TSH = test("3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", "m[IU]/L", 0.4, 4, 2, 0.8, 2);

export const PANELS = {
  bmp: {
    code: loinc("51990-0", "Basic metabolic panel - Blood"),
    tests: [
      GLUCOSE,
      test("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", 7, 20, 14, 3),
      CREATININE,
      EGFR,
      test("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 136, 145, 140, 2),
      test("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.5, 5.1, 4.2, 0.3, 1),
      test("2075-0", "Chloride [Moles/volume] in Serum or Plasma", "mmol/L", 98, 107, 102, 2),
      test("2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma", "mmol/L", 22, 29, 25, 2),
      test("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "mg/dL", 8.6, 10.3, 9.4, 0.3, 1),
    ],
  },
  lipid: {
    code: loinc("57698-3", "Lipid panel with direct LDL - Serum or Plasma"),
    tests: [
      test("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", undefined, 200, 186, 24),
      test("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", "mg/dL", undefined, 150, 128, 32),
      test("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", 40, undefined, 52, 9),
      LDL,
    ],
  },
  cbc: {
    code: loinc("58410-2", "CBC panel - Blood by Automated count"),
    tests: [
      test("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 4.5, 11, 7, 1.5, 1),
      test("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12, 17.5, 14.2, 1.1, 1),
      test("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count", "%", 36, 50, 42, 3, 1),
      test("777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 150, 400, 250, 45),
    ],
  },
  a1c: { code: A1C.code, tests: [A1C] },
  tsh: { code: TSH.code, tests: [TSH] },
} satisfies Record<string, Panel>;
export type PanelName = keyof typeof PANELS;

export const VITALS = {
  bloodPressure: loinc("85354-9", "Blood pressure panel with all children optional"),
  systolic: loinc("8480-6", "Systolic blood pressure"),
  diastolic: loinc("8462-4", "Diastolic blood pressure"),
  heartRate: loinc("8867-4", "Heart rate"),
  respiratoryRate: loinc("9279-1", "Respiratory rate"),
  temperature: loinc("8310-5", "Body temperature"),
  height: loinc("8302-2", "Body height"),
  weight: loinc("29463-7", "Body weight"),
  bmi: loinc("39156-5", "Body mass index (BMI) [Ratio]"),
  oxygen: loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
};

export const SMOKING_STATUS = loinc("72166-2", "Tobacco smoking status");
export const SMOKING_VALUES = [
  snomed("266919005", "Never smoker"),
  snomed("8517006", "Former smoker"),
  snomed("449868002", "Smokes tobacco daily"),
  snomed("428041000124106", "Occasional tobacco smoker"),
];
export const ALCOHOL_HISTORY = loinc("11331-6", "History of Alcohol use");
export const ALCOHOL_TEXT = ["Does not drink alcohol", "1-2 drinks per week", "3-5 drinks per week", "Quit drinking alcohol in 2015"];

/** Surveys: total scores (unit `{score}`) and the highest score each allows. */
export const SURVEYS: { code: Coded; max: number }[] = [
  { code: loinc("55758-7", "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]"), max: 6 },
  { code: loinc("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"), max: 27 },
  { code: loinc("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"), max: 21 },
  { code: loinc("75626-2", "Total score [AUDIT-C]"), max: 12 },
];

export const EXAMS: { code: Coded; findings: string[] }[] = [
  {
    code: loinc("29545-1", "Physical findings Narrative"),
    findings: [
      "Well-appearing, in no acute distress. Lungs clear to auscultation bilaterally. Regular rate and rhythm, no murmurs.",
      "Mild bilateral ankle edema. Lungs clear. Regular rate and rhythm.",
      "Abdomen soft, non-tender. No hepatosplenomegaly. Bowel sounds normal.",
      "Tympanic membranes clear. Oropharynx without erythema. No cervical lymphadenopathy.",
    ],
  },
  {
    code: loinc("10210-3", "Physical findings of General status Narrative"),
    findings: ["Alert and oriented, pleasant and cooperative.", "Appears stated age, well nourished.", "Tired-appearing but conversant and oriented."],
  },
];
