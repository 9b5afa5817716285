/** What each kind of visit adds to a chart, in the order a small record keeps (the most telling entries first). */
import type { Chart } from "./chart";
import { DAY_MS, iso } from "./chart";
import { ACUTE, DOCUMENT_TYPES, PROCEDURES, VACCINES, type Chronic } from "./codes-clinical";
import { ALCOHOL_HISTORY, ALCOHOL_TEXT, EXAMS, SMOKING_STATUS, SMOKING_VALUES, SURVEYS, type PanelName } from "./codes-observations";
import type { Entry } from "./entry";
import { encounter, labPanel, note, prescription, stamp, vitals, type Visit } from "./visit-parts";

const MINUTE = 60_000;
const DEPRESSION = "35489007";

function procedure(chart: Chart, v: Visit, p: (typeof PROCEDURES)[keyof typeof PROCEDURES], reason?: string): Entry {
  const at = v.at + 15 * MINUTE;
  return {
    kind: "procedure", ...stamp(chart, at, 60), code: p.code, ...("cpt" in p ? { cpt: p.cpt } : {}), performed: iso(at),
    performer: v.practitioner, ...(v.encounter ? { encounter: v.encounter } : {}), ...(reason ? { reason } : {}),
  };
}

function immunization(chart: Chart, v: Visit, vaccine = VACCINES.flu): Entry {
  const at = v.at + 25 * MINUTE;
  return {
    kind: "immunization", ...stamp(chart, at, 20), vaccine, date: iso(at), performer: chart.nurse.id,
    ...(v.encounter ? { encounter: v.encounter } : {}), lot: `${String.fromCharCode(65 + chart.int(26))}${1000 + chart.int(9000)}${chart.int(10)}`,
  };
}

function social(chart: Chart, v: Visit): Entry[] {
  const smoking: Entry = { kind: "observation", ...stamp(chart, v.at, 20), category: "social-history", code: SMOKING_STATUS, value: SMOKING_VALUES[chart.smoking], effective: iso(v.at), ...(v.encounter ? { encounter: v.encounter } : {}) };
  const depressed = chart.has(DEPRESSION);
  const survey = SURVEYS[depressed ? 1 : chart.int(SURVEYS.length)]!;
  const score = Math.min(survey.max, Math.max(0, chart.around(depressed ? survey.max * 0.55 : survey.max * 0.12, 2)));
  const answered: Entry = { kind: "observation", ...stamp(chart, v.at, 20), category: "survey", code: survey.code, value: { value: score, unit: "{score}" }, effective: iso(v.at), ...(v.encounter ? { encounter: v.encounter } : {}) };
  const exam = chart.pick(EXAMS);
  const examined: Entry = { kind: "observation", ...stamp(chart, v.at, 30), category: "exam", code: exam.code, value: chart.pick(exam.findings), effective: iso(v.at + 10 * MINUTE), performer: v.practitioner, ...(v.encounter ? { encounter: v.encounter } : {}) };
  return [smoking, answered, examined];
}

/** Vaccines due at a wellness visit at this age and date. */
function vaccinesDue(chart: Chart, v: Visit): (typeof VACCINES)[keyof typeof VACCINES][] {
  const age = chart.ageAt(v.at);
  const month = new Date(v.at).getUTCMonth();
  const due = [];
  if (month >= 8 || month <= 2) due.push(VACCINES.flu);
  if (v.at >= Date.UTC(2021, 0, 1) && chart.chance(0.3)) due.push(VACCINES.covid);
  if (age >= 50 && chart.chance(0.15)) due.push(VACCINES.shingles);
  if (age >= 65 && chart.chance(0.15)) due.push(chart.chance(0.5) ? VACCINES.pneumococcal : VACCINES.ppsv23);
  if (age >= 11 && age <= 26 && chart.chance(0.3)) due.push(VACCINES.hpv);
  if (chart.chance(0.1)) due.push(VACCINES.tdap);
  return due;
}

function wellness(chart: Chart, v: Visit, first: boolean, since: Map<Chronic, number>): Entry[] {
  const age = chart.ageAt(v.at);
  const panels = [...new Set<PanelName>(["lipid", ...chart.problems.flatMap((p) => p.panels)])];
  const [firstPanel, ...otherPanels] = panels;
  const out: Entry[] = [encounter(chart, v), ...vitals(chart, v, "brief"), ...labPanel(chart, v, firstPanel ?? "bmp"), ...social(chart, v)];
  const due = vaccinesDue(chart, v);
  out.push(...(first && due.length === 0 ? [VACCINES.flu] : due).map((vaccine) => immunization(chart, v, vaccine)));
  if (age >= 12) out.push(procedure(chart, v, PROCEDURES.depressionScreening));
  out.push(note(chart, v, DOCUMENT_TYPES.wellness, "Annual wellness visit", [
    `Annual preventive visit with ${chart.record.demographics.given[0] ?? "the patient"}.`,
    `Problems reviewed: ${chart.problems.map((p) => p.code.display.toLowerCase()).join("; ")}.`,
    "Medications reconciled. Screening and immunizations updated per guidelines.",
  ]));
  for (const { drug, problem } of chart.drugs) {
    const reason = chart.problemKeys.get(problem.code.code);
    out.push(...prescription(chart, v, drug, first ? "active" : "completed", { ...(reason ? { reason } : {}), statement: first, since: since.get(problem) ?? v.at }));
  }
  out.push(...vitals(chart, v, "rest"), ...otherPanels.flatMap((p) => labPanel(chart, v, p)));
  if (chart.chance(0.3)) out.push({ kind: "observation", ...stamp(chart, v.at, 20), category: "social-history", code: ALCOHOL_HISTORY, value: chart.pick(ALCOHOL_TEXT), effective: iso(v.at) });
  if (age >= 50 && chart.chance(0.3)) out.push(procedure(chart, v, PROCEDURES.ecg));
  if (age >= 45 && chart.chance(0.1)) out.push(procedure(chart, v, PROCEDURES.colonoscopy));
  if (chart.female && age >= 40 && chart.chance(0.5)) out.push(procedure(chart, v, PROCEDURES.mammography));
  return out;
}

function followUp(chart: Chart, v: Visit): Entry[] {
  const problem = chart.pick(chart.problems);
  const reason = chart.problemKeys.get(problem.code.code);
  const out: Entry[] = [encounter(chart, v, reason), ...vitals(chart, v, "brief")];
  if (problem.panels[0] && chart.chance(0.6)) out.push(...labPanel(chart, v, chart.pick(problem.panels)));
  for (const { drug } of chart.drugs.filter((d) => d.problem === problem)) out.push(...prescription(chart, v, drug, "completed", reason ? { reason } : {}));
  const extra =
    problem.code.code === "195967001" ? PROCEDURES.spirometry : problem.code.code === "44054006" ? PROCEDURES.eyeExam : problem.code.code === "49436004" ? PROCEDURES.ecg : PROCEDURES.reconciliation;
  out.push(procedure(chart, v, extra, reason));
  out.push(note(chart, v, DOCUMENT_TYPES["follow-up"], `Follow-up: ${problem.code.display}`, [
    `Follow-up of ${problem.code.display.toLowerCase()}.`, "Doing well on the current regimen; no new complaints.", "Continue current medications. Return in three months.",
  ]));
  return out;
}

function illness(chart: Chart, v: Visit): Entry[] {
  const acute = v.kind === "emergency" ? ACUTE.find((a) => a.code.code === "44465007")! : chart.pick(ACUTE);
  const onset = v.at - (1 + chart.int(4)) * DAY_MS;
  const condition: Entry & { kind: "condition" } = {
    kind: "condition", ...stamp(chart, v.at, 40), code: acute.code, icd10: acute.icd10, clinicalStatus: "resolved", category: "encounter-diagnosis",
    onset: iso(onset).slice(0, 10), abatement: iso(v.at + (7 + chart.int(14)) * DAY_MS).slice(0, 10), recorded: iso(v.at), recorder: v.practitioner,
  };
  const visit = encounter(chart, v, condition.key);
  condition.encounter = visit.key;
  const fever = ["10509002", "444814009", "43878008", "195662009", "65363002"].includes(acute.code.code);
  const out: Entry[] = [visit, condition, ...vitals(chart, v, "all", fever)];
  if (acute.procedure) out.push(procedure(chart, v, acute.procedure, condition.key));
  if (v.kind === "emergency") out.push(procedure(chart, v, chart.chance(0.5) ? PROCEDURES.woundRepair : PROCEDURES.ecg, condition.key));
  if (acute.drug) out.push(...prescription(chart, v, acute.drug, "completed", { reason: condition.key }));
  out.push(note(chart, v, DOCUMENT_TYPES[v.kind], v.kind === "emergency" ? "Emergency department visit" : `Visit for ${acute.code.display.toLowerCase()}`, [
    `Seen for ${acute.code.display.toLowerCase()}, symptoms for ${Math.round((v.at - onset) / DAY_MS)} days.`, "Supportive care discussed.", "Return if symptoms worsen.",
  ]));
  return out;
}

/** A visit's entries; `since` holds when each long-term problem began (for the drugs' statements). */
export function visitEntries(chart: Chart, v: Visit, since: Map<Chronic, number>): Entry[] {
  switch (v.kind) {
    case "wellness": return wellness(chart, v, v.index === 0, since);
    case "follow-up": return followUp(chart, v);
    case "acute":
    case "emergency": return illness(chart, v);
    case "lab": {
      const panels = chart.problems.flatMap((p) => p.panels);
      return [encounter(chart, v), ...labPanel(chart, v, panels.length > 0 ? chart.pick(panels) : "cbc")];
    }
    case "immunization": return [encounter(chart, v), immunization(chart, v)];
  }
}
