/**
 * A patient's whole record: the hand-made entries, then a generated chart up to `size` entries in all. The
 * chart starts with what every record has once (problems, an allergy, coverage, a care team, a care plan, a
 * goal, a device) and then visits, newest first, spread back over up to 15 years. The same patient and size
 * give the same record; references point only at entries the record holds.
 */
import type { PatientRecord } from "../fixtures/facts";
import { CHART_END, Chart, DAY_MS, iso, isoDay } from "./chart";
import { ALLERGENS, CARE_TEAM_ROLES, DEFAULT_DEVICE, PAYER_TYPES, REACTIONS, STENT, type Chronic, type VisitKind } from "./codes-clinical";
import { loinc } from "./codes-observations";
import type { Entry } from "./entry";
import { handMadeEntries } from "./hand-made";
import { ORGANIZATIONS, STAFF } from "./shared";
import { stamp } from "./visit-parts";
import { visitEntries } from "./visits";

/** Entries a visit adds on average: sets the spacing of visits so a chart spans its years whatever its size. */
const ENTRIES_PER_VISIT = 14;

export function recordEntries(record: PatientRecord, size: number): Entry[] {
  const out = handMadeEntries(record);
  if (out.length >= size) return out;
  const chart = new Chart(record, out);
  for (const e of generated(chart, size - out.length)) {
    out.push(e);
    if (out.length >= size) break;
  }
  return out;
}

function* generated(chart: Chart, need: number): Generator<Entry> {
  const since = new Map<Chronic, number>();
  yield* problemList(chart, since);
  yield* onceEach(chart);
  const gap = Math.min(180, Math.max(3, (CHART_END - chart.start) / DAY_MS / Math.max(1, need / ENTRIES_PER_VISIT)));
  const floor = Math.max(chart.start - 3650 * DAY_MS, chart.birth + 180 * DAY_MS);
  let at = CHART_END - chart.int(30) * DAY_MS;
  for (let index = 0; ; index++) {
    const kind: VisitKind = index === 0 ? "wellness" : visitKind(chart, at, index);
    const practitioner = kind === "emergency" ? chart.pick(STAFF.emergency).id : kind === "lab" || kind === "immunization" ? chart.nurse.id : chart.chance(0.8) ? chart.pcp.id : chart.colleague.id;
    const day = Math.floor(at / DAY_MS) * DAY_MS;
    yield* visitEntries(chart, { kind, at: day + (14 * 60 + chart.int(32) * 15) * 60_000, index, practitioner }, since);
    at -= gap * (0.5 + chart.rand()) * DAY_MS;
    if (at < floor) at = floor + chart.int(60) * DAY_MS;
  }
}

function visitKind(chart: Chart, at: number, index: number): VisitKind {
  if (index % 5 === 0) return "wellness";
  const month = new Date(at).getUTCMonth();
  const r = chart.rand();
  if (r < 0.42) return "follow-up";
  if (r < 0.62) return "acute";
  if (r < 0.78) return "lab";
  if (r < 0.93) return month >= 8 || month <= 1 ? "immunization" : "follow-up";
  return "emergency";
}

/** The long-term problems the hand-made record lacks, with onsets years back. */
function* problemList(chart: Chart, since: Map<Chronic, number>): Generator<Entry> {
  for (const c of chart.record.conditions) {
    const p = chart.problems.find((x) => x.code.code === c.code.code);
    if (p) since.set(p, Date.parse(`${c.onset}T00:00:00Z`));
  }
  const earliest = Math.max(chart.birth + 5 * 365 * DAY_MS, chart.start - 8 * 365 * DAY_MS);
  for (const p of chart.problems) {
    if (chart.problemKeys.has(p.code.code)) continue;
    const onset = earliest + chart.rand() * Math.max(DAY_MS, CHART_END - 400 * DAY_MS - earliest);
    const recorded = onset + chart.int(30) * DAY_MS;
    const e: Entry = {
      kind: "condition", ...stamp(chart, recorded, 60), code: p.code, icd10: p.icd10, clinicalStatus: "active", category: "problem-list-item",
      onset: isoDay(onset), recorded: iso(recorded), recorder: chart.pcp.id,
    };
    chart.problemKeys.set(p.code.code, e.key);
    since.set(p, onset);
    yield e;
  }
}

/** What a chart holds once: an allergy, coverage, a care team, a care plan, a goal and a device. */
function* onceEach(chart: Chart): Generator<Entry> {
  const pcp = chart.pcp.id;
  const known = chart.record.allergies.map((a) => a.substance.code);
  if (known.length < 2) {
    const allergen = chart.pick(ALLERGENS.filter((a) => !known.includes(a.substance.code)));
    const reaction = chart.pick(REACTIONS);
    const recorded = chart.start + chart.rand() * (CHART_END - chart.start);
    yield {
      kind: "allergy", ...stamp(chart, recorded, 30), substance: allergen.substance, category: allergen.category,
      criticality: reaction.code === "39579001" ? "high" : "low", reaction, severity: reaction.code === "39579001" ? "severe" : chart.pick(["mild", "moderate"] as const),
      recorded: iso(recorded), recorder: pcp,
    };
  }
  const senior = chart.ageAt(CHART_END) >= 65;
  const payer = senior ? ORGANIZATIONS.medicare : chart.pick([ORGANIZATIONS.bluePrairie, ORGANIZATIONS.heartland]);
  const covered = senior ? Math.max(chart.birth + 65.1 * 365.25 * DAY_MS, chart.start) : chart.start + chart.int(365) * DAY_MS;
  const digits = (n: number) => Array.from({ length: n }, () => chart.int(10)).join("");
  yield {
    kind: "coverage", ...stamp(chart, covered, 24 * 60), payer: payer.id, payerType: senior ? PAYER_TYPES.medicare : PAYER_TYPES.private,
    subscriberId: senior ? `${1 + chart.int(9)}EG4-TE5-MK${digits(2)}` : `XQH${digits(9)}`,
    plan: senior ? "Medicare Part B" : chart.pick(["PPO Gold", "HMO Silver", "High Deductible Bronze"]), group: senior ? "MEDICARE" : `GRP-${digits(5)}`, start: isoDay(covered),
  };
  const teamSince = chart.start + chart.int(200) * DAY_MS;
  yield {
    kind: "care-team", ...stamp(chart, teamSince, 60), name: `Primary care team, ${chart.clinic.name}`, organization: chart.clinic.id, start: isoDay(teamSince),
    members: [
      { role: CARE_TEAM_ROLES.primaryCare, practitioner: pcp },
      { role: CARE_TEAM_ROLES.nurse, practitioner: chart.nurse.id },
      { role: CARE_TEAM_ROLES.pharmacist, practitioner: STAFF.pharmacist.id },
    ],
  };
  const planned = CHART_END - (30 + chart.int(300)) * DAY_MS;
  const activities = [...new Map(chart.problems.flatMap((p) => p.activities).map((a) => [a.code, a])).values()];
  yield {
    kind: "care-plan", ...stamp(chart, planned, 120), title: `Care plan: ${chart.problems.map((p) => p.code.display.toLowerCase()).join(", ")}`,
    activities: activities.length > 0 ? activities : [{ system: "snomed", code: "226234005", display: "Healthy diet" }],
    addresses: chart.problems.flatMap((p) => chart.problemKeys.get(p.code.code) ?? []), start: isoDay(planned), author: pcp,
  };
  const withGoal = chart.problems.find((p) => p.goal);
  const goal = withGoal?.goal ?? { description: "Keep body mass index below 25", measure: loinc("39156-5", "Body mass index (BMI) [Ratio]"), target: "< 25 kg/m2" };
  const addresses = withGoal && chart.problemKeys.get(withGoal.code.code);
  yield {
    kind: "goal", ...stamp(chart, planned, 130), description: goal.description, measure: goal.measure, target: goal.target,
    due: isoDay(planned + 365 * DAY_MS), start: isoDay(planned), expressedBy: pcp, ...(addresses ? { addresses } : {}),
  };
  yield device(chart);
}

function device(chart: Chart): Entry {
  const type = chart.record.conditions.some((c) => c.code.code === "53741008") ? STENT : (chart.problems.find((p) => p.device)?.device ?? DEFAULT_DEVICE);
  const implanted = chart.start + chart.rand() * (CHART_END - chart.start - 365 * DAY_MS);
  const made = implanted - (60 + chart.int(200)) * DAY_MS;
  const yymmdd = (ms: number) => isoDay(ms).slice(2).replaceAll("-", "");
  const di = `0${String(8_100_000_000_000 + chart.int(899_999_999) * 1000 + Number(type.code.slice(-3))).padStart(13, "0")}`;
  const lot = `${String.fromCharCode(65 + chart.int(26))}${String(chart.int(1_000_000)).padStart(6, "0")}`;
  const expires = made + 5 * 365 * DAY_MS;
  return {
    kind: "device", ...stamp(chart, implanted, 60 * 24), type, deviceId: di, udi: `(01)${di}(11)${yymmdd(made)}(17)${yymmdd(expires)}(10)${lot}`,
    manufacturer: "Prairie Medical Devices, Inc.", model: `PMD-${type.code.slice(0, 4)}`, manufactured: isoDay(made), expires: isoDay(expires), lot,
  };
}
