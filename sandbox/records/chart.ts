/**
 * One patient's chart as the generator sees it: a seeded random source, the people and places of their care,
 * their long-term problems, and a key counter. Everything derives from the patient id, so a record is the
 * same on every run.
 */
import type { PatientRecord } from "../fixtures/facts";
import { seededRandom } from "../util/random";
import { CHRONIC, type Chronic, type DrugCode } from "./codes-clinical";
import type { Entry } from "./entry";
import { CLINIC_LOCATIONS, CLINICS, STAFF, type LocationFact, type OrganizationFact, type PractitionerFact } from "./shared";

export const DAY_MS = 24 * 3600 * 1000;
/** The most recent visit of every generated chart is in the weeks before this moment. */
export const CHART_END = Date.UTC(2025, 11, 15, 17, 0, 0);
/** Every generated resource was last updated before this (amendments come at most weeks after a visit). */
export const LAST_UPDATED_BEFORE = Date.UTC(2026, 0, 15);
const MAX_SPAN_YEARS = 15;

/** A 32-bit FNV-1a hash: the seed of a patient's chart. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoDay = (ms: number) => iso(ms).slice(0, 10);

export class Chart {
  readonly rand: () => number;
  readonly birth: number;
  readonly female: boolean;
  readonly clinic: OrganizationFact;
  readonly clinicLocation: LocationFact;
  readonly pcp: PractitionerFact;
  readonly colleague: PractitionerFact;
  readonly nurse: PractitionerFact;
  readonly problems: Chronic[];
  /** The drugs taken for the long-term problems, each with its problem. */
  readonly drugs: { drug: DrugCode; problem: Chronic }[];
  /** The condition entry key of each long-term problem (hand-made or generated), by SNOMED code. */
  readonly problemKeys = new Map<string, string>();
  /** The earliest moment visits go back to. */
  readonly start: number;
  readonly heightCm: number;
  readonly weightKg: number;
  readonly smoking: number;
  private counter = 0;

  constructor(readonly record: PatientRecord, handMade: readonly Entry[]) {
    const d = record.demographics;
    this.rand = seededRandom(hash(d.id));
    this.birth = Date.parse(`${d.birthDate}T00:00:00Z`);
    this.female = d.gender === "female";
    const clinic = this.int(CLINICS.length);
    this.clinic = CLINICS[clinic]!;
    this.clinicLocation = CLINIC_LOCATIONS[clinic]!;
    const staff = STAFF.clinics[clinic]!;
    this.pcp = staff[this.int(staff.length)]!;
    this.colleague = staff.find((p) => p !== this.pcp)!;
    this.nurse = this.pick(STAFF.nurses);
    const known = record.conditions.map((c) => c.code.code);
    const fromRecord = CHRONIC.filter((c) => known.includes(c.code.code));
    for (const c of record.conditions) this.problemKeys.set(c.code.code, c.id);
    const extra = this.shuffle(CHRONIC.filter((c) => !fromRecord.includes(c))).slice(0, 1 + this.int(this.ageAt(CHART_END) > 50 ? 3 : 2));
    const problems = [...fromRecord, ...extra];
    // Every chart has at least one long-term drug, so every record shows prescriptions.
    if (!problems.some((p) => p.drugs.length > 0)) problems.push(CHRONIC.find((c) => c.drugs.length > 0 && !problems.includes(c))!);
    this.problems = problems;
    this.drugs = problems.flatMap((problem) => problem.drugs.slice(0, 1 + this.int(Math.min(2, problem.drugs.length))).map((drug) => ({ drug, problem })));
    const span = Math.min(MAX_SPAN_YEARS * 365, Math.max(365, (CHART_END - this.birth) / DAY_MS - 365));
    this.start = CHART_END - span * DAY_MS;
    this.heightCm = this.around(this.female ? 163 : 177, 6, 1);
    const bmi = this.problems.some((p) => p.device?.code === "337414009") ? 31 : 25.5;
    this.weightKg = this.around((this.heightCm / 100) ** 2 * bmi, 4, 1);
    this.smoking = this.int(4);
    this.counter = handMade.length;
  }

  /** A fresh entry key, unique in this record: `g0001`, `g0002`, … */
  key(): string {
    this.counter += 1;
    return `g${String(this.counter).padStart(4, "0")}`;
  }

  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** A value around `mean` (a rough normal draw), rounded to `decimals`. */
  around(mean: number, sd: number, decimals = 0): number {
    const z = (this.rand() + this.rand() + this.rand() - 1.5) * 2;
    const f = 10 ** decimals;
    return Math.round((mean + z * sd) * f) / f;
  }
  ageAt(ms: number): number {
    return Math.floor((ms - this.birth) / (365.25 * DAY_MS));
  }
  /** Whether a long-term problem of this SNOMED CT code is on the chart. */
  has(snomedCode: string): boolean {
    return this.problems.some((p) => p.code.code === snomedCode);
  }
}
